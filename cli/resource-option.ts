import { RESOURCE_TYPES, type ResourceTypeName } from '../schema/events';
import { UsageError } from './usage-error';

/** An option the command cannot do without; `hint` says what to give. */
export function requiredOption(value: string | undefined, option: string, hint = ''): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${option} is required${hint}`);
  return value;
}

/** `--resource compute` and the like, in any case, as the API's ResourceType. */
export function resourceOption(value: string): ResourceTypeName {
  const resource = value.toUpperCase();
  if (!(RESOURCE_TYPES as readonly string[]).includes(resource)) throw new UsageError(`--resource is one of ${RESOURCE_TYPES.map((type) => type.toLowerCase()).join(', ')}`);
  return resource as ResourceTypeName;
}
