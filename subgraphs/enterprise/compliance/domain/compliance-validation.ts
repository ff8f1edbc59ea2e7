import { DomainError } from '../../../../platform/commands/decider';

/** GraphQL field names: what guarded and privileged operations are. */
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;
/** Region codes as cloud providers and ISO 3166 write them: eu, de, eu-west-1. */
const REGION_CODE = /^[a-z0-9][a-z0-9-]{0,49}$/;

export function validOperation(operation: string, field: string): string {
  const name = operation.trim();
  if (!OPERATION_NAME.test(name)) throw new DomainError('BAD_USER_INPUT', `"${operation}" is not an operation name (a GraphQL field name such as updateConstraint).`, { field });
  return name;
}

export function validOperations(operations: readonly string[], field: string): string[] {
  return [...new Set(operations.map((operation) => validOperation(operation, field)))].sort();
}

export function validRegions(regions: readonly string[]): string[] {
  return [
    ...new Set(
      regions.map((region) => {
        const code = region.trim().toLowerCase();
        if (!REGION_CODE.test(code)) throw new DomainError('BAD_USER_INPUT', `"${region}" is not a region code (e.g. eu, de, eu-west-1).`, { field: 'permittedRegions' });
        return code;
      }),
    ),
  ].sort();
}

export function validText(value: string, field: string, maxLength: number): string {
  const text = value.trim();
  if (text.length === 0 || text.length > maxLength || /[\u0000-\u001f\u007f]/.test(text)) {
    throw new DomainError('BAD_USER_INPUT', `${field} must be 1–${maxLength} characters without control characters.`, { field });
  }
  return text;
}

/** A time the caller claims something happened; it cannot be later than now. */
export function validPastTime(value: string, now: string, field: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new DomainError('BAD_USER_INPUT', `${field} is not a time.`, { field });
  if (time > new Date(now)) throw new DomainError('BAD_USER_INPUT', `${field} cannot be in the future.`, { field });
  return time.toISOString();
}
