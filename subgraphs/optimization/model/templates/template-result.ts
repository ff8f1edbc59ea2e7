import type { Constraint } from '../constraints/constraint';
import { invalidTemplateInput, requireFinite } from '../model-error';
import type { QuboModel } from '../qubo-model';

/** What every template produces: an objective and the constraints to compile with it. */
export interface TemplateProblem {
  readonly model: QuboModel;
  readonly constraints: readonly Constraint[];
}

export function templateNumber(value: unknown, field: string): number {
  return requireFinite(value, field, invalidTemplateInput);
}

export function templateList<T>(value: unknown, field: string, length?: number): readonly T[] {
  if (!Array.isArray(value)) throw invalidTemplateInput(`${field} must be a list`, field);
  if (length !== undefined && value.length !== length) throw invalidTemplateInput(`${field} must have ${length} entries, got ${value.length}`, field);
  return value;
}

/** Names given by the caller (checked for count and uniqueness) or generated as prefix1 … prefixN. */
export function templateNames(given: readonly string[] | undefined, count: number, prefix: string, field: string): readonly string[] {
  if (given === undefined) return Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);
  const names = templateList<string>(given, field, count);
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (typeof name !== 'string' || name.length === 0) throw invalidTemplateInput(`${field}[${i}] must be a non-empty string`, `${field}[${i}]`);
    if (seen.has(name)) throw invalidTemplateInput(`${field}[${i}]: "${name}" is listed twice`, `${field}[${i}]`);
    seen.add(name);
  });
  return names;
}
