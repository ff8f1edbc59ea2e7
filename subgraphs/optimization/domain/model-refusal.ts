import { DomainError } from '../../../platform/commands/decider';
import { QuboModelError } from '../model';

/**
 * Runs a model-layer check (synchronous, or a promise): a refusal becomes BAD_USER_INPUT carrying
 * the model's finer code (`reason`, e.g. INVALID_CONSTRAINT) and the offending `field`.
 */
export function refuseInvalidModel<T>(check: () => T): T {
  try {
    const result = check();
    return (result instanceof Promise ? result.catch(rethrowAsDomainError) : result) as T;
  } catch (error) {
    return rethrowAsDomainError(error);
  }
}

function rethrowAsDomainError(error: unknown): never {
  if (error instanceof QuboModelError) {
    throw new DomainError('BAD_USER_INPUT', error.message, { reason: error.code, ...(error.field && { field: error.field }) });
  }
  throw error;
}
