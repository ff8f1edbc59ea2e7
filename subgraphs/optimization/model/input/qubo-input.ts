import { describe, invalidQubo, requireFinite } from '../model-error';
import { assertQuadraticTermCountWithin, assertVariableCountWithin, DEFAULT_MODEL_LIMITS, type ModelLimits } from '../model-limits';
import { QuboModel, RESERVED_VARIABLE_PREFIX, type ObjectiveSense } from '../qubo-model';
import type { LinearTerm, QuadraticTerm } from '../terms';

/** The GraphQL input shape of a QUBO (and of its JSON file form). */
export interface QuboInput {
  readonly variables: readonly string[];
  readonly linear?: readonly LinearTerm[];
  readonly quadratic?: readonly QuadraticTerm[];
  readonly offset?: number;
  /** The sense the terms are written in; MAXIMIZE terms are negated into the model. Default MINIMIZE. */
  readonly sense?: ObjectiveSense;
}

export interface InputOptions {
  readonly limits?: ModelLimits;
}

/**
 * Builds a model from the GraphQL/JSON shape, checking everything a client can get wrong and
 * naming the field: variable names (non-empty, unique, not reserved), terms that name undeclared
 * variables, coefficients that are not finite numbers, and the size limits (checked on the input's
 * lengths before anything is built).
 */
export function parseQuboInput(input: QuboInput, options: InputOptions = {}): QuboModel {
  const limits = options.limits ?? DEFAULT_MODEL_LIMITS;
  if (typeof input !== 'object' || input === null) throw invalidQubo(`a QUBO must be an object, got ${describe(input)}`);
  const variables = arrayField<string>(input.variables, 'variables');
  const linear = arrayField<LinearTerm>(input.linear ?? [], 'linear');
  const quadratic = arrayField<QuadraticTerm>(input.quadratic ?? [], 'quadratic');
  if (variables.length === 0) throw invalidQubo('variables must name at least one variable', 'variables');
  assertVariableCountWithin(variables.length, limits);
  assertQuadraticTermCountWithin(quadratic.length, limits);
  const sign = senseSign(input.sense);
  const model = new QuboModel(input.sense ?? 'MINIMIZE');

  variables.forEach((name, position) => {
    const field = `variables[${position}]`;
    if (typeof name !== 'string' || name.length === 0) throw invalidQubo(`${field} must be a non-empty string, got ${describe(name)}`, field);
    if (name.startsWith(RESERVED_VARIABLE_PREFIX)) throw invalidQubo(`${field}: names starting with "${RESERVED_VARIABLE_PREFIX}" are reserved for slack variables, got "${name}"`, field);
    if (model.hasVariable(name)) throw invalidQubo(`${field}: variable "${name}" is declared twice`, field);
    model.addVariable(name);
  });
  linear.forEach((term, position) => {
    const field = `linear[${position}]`;
    const index = variableIndex(model, term?.variable, `${field}.variable`);
    model.addLinear(index, sign * requireFinite(term.coefficient, `${field}.coefficient`));
  });
  quadratic.forEach((term, position) => {
    const field = `quadratic[${position}]`;
    const u = variableIndex(model, term?.u, `${field}.u`);
    const v = variableIndex(model, term.v, `${field}.v`);
    model.addQuadratic(u, v, sign * requireFinite(term.coefficient, `${field}.coefficient`));
  });
  if (input.offset !== undefined && input.offset !== null) model.addOffset(sign * requireFinite(input.offset, 'offset'));
  assertQuadraticTermCountWithin(model.quadraticTermCount, limits);
  return model;
}

function arrayField<T>(value: unknown, field: string): readonly T[] {
  if (!Array.isArray(value)) throw invalidQubo(`${field} must be a list, got ${describe(value)}`, field);
  return value;
}

function senseSign(sense: unknown): 1 | -1 {
  if (sense === undefined || sense === null || sense === 'MINIMIZE') return 1;
  if (sense === 'MAXIMIZE') return -1;
  throw invalidQubo(`sense must be MINIMIZE or MAXIMIZE, got ${describe(sense)}`, 'sense');
}

function variableIndex(model: QuboModel, name: unknown, field: string): number {
  const index = typeof name === 'string' ? model.findIndex(name) : undefined;
  if (index === undefined) throw invalidQubo(`${field}: unknown variable ${describe(name)}`, field);
  return index;
}
