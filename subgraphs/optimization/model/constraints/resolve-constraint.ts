import { describe, invalidConstraint, requireFinite, type QuboModelError } from '../model-error';
import type { QuboModel } from '../qubo-model';
import type { LinearTerm, QuadraticTerm } from '../terms';
import { CONSTRAINT_KINDS, type Constraint } from './constraint';
import { linearBounds, type IndexedPair, type IndexedTerm, type LinearCondition, type ResolvedConstraint } from './resolved-constraint';

/**
 * Checks one constraint against the model and turns names into indices. Refuses, with the field
 * named: a missing id, an unknown kind, a penalty weight that is negative or not finite, unknown
 * variables, non-finite coefficients, and constraints that no 0/1 assignment can satisfy when that
 * is cheap to see (one-hot over nothing, at-most-k with k < 0, Σ aᵢxᵢ = b with b outside
 * [Σ negative aᵢ, Σ positive aᵢ] or, for integers, not a multiple of gcd(aᵢ), ≤ b below the
 * smallest or ≥ b above the largest reachable sum).
 */
export function resolveConstraint(constraint: Constraint, model: QuboModel, position: number): ResolvedConstraint {
  const at = `constraints[${position}]`;
  if (typeof constraint !== 'object' || constraint === null) throw invalidConstraint(`${at} must be an object, got ${describe(constraint)}`, at);
  const { id } = constraint;
  if (typeof id !== 'string' || id.trim().length === 0) throw invalidConstraint(`${at}.id must be a non-empty string, got ${describe(id)}`, `${at}.id`);
  const fail = (message: string, field: string) => invalidConstraint(`constraint "${id}": ${message}`, `${at}.${field}`);
  const weight = requireFinite(constraint.penaltyWeight, 'penaltyWeight', fail);
  if (weight < 0) throw fail(`penaltyWeight must be ≥ 0, got ${weight}`, 'penaltyWeight');
  const context: Context = { model, fail };
  const base = { id, kind: constraint.kind, path: at, penaltyWeight: weight, pairwise: false };

  switch (constraint.kind) {
    case 'LINEAR_EQUALITY': {
      const condition = linearCondition(context, constraint.terms, 'EQUAL', constraint.rhs);
      assertEqualityReachable(condition, fail);
      return { ...base, condition };
    }
    case 'LINEAR_INEQUALITY': {
      if (constraint.relation !== 'LESS_OR_EQUAL' && constraint.relation !== 'GREATER_OR_EQUAL') throw fail(`relation must be LESS_OR_EQUAL or GREATER_OR_EQUAL, got ${describe(constraint.relation)}`, 'relation');
      const condition = linearCondition(context, constraint.terms, constraint.relation, constraint.rhs);
      assertInequalityReachable(condition, fail);
      return { ...base, condition };
    }
    case 'ONE_HOT': {
      const terms = unitTerms(context, constraint.variables);
      if (terms.length === 0) throw fail('ONE_HOT over no variables can never be satisfied', 'variables');
      return { ...base, condition: { type: 'linear', terms, relation: 'EQUAL', rhs: 1 } };
    }
    case 'AT_MOST_K': {
      const terms = unitTerms(context, constraint.variables);
      if (terms.length === 0) throw fail('AT_MOST_K must name at least one variable', 'variables');
      const k = requireFinite(constraint.k, 'k', fail);
      if (!Number.isInteger(k)) throw fail(`k must be an integer, got ${k}`, 'k');
      if (k < 0) throw fail(`AT_MOST_K with k = ${k} can never be satisfied (k must be ≥ 0)`, 'k');
      return { ...base, pairwise: k === 1, condition: { type: 'linear', terms, relation: 'LESS_OR_EQUAL', rhs: k } };
    }
    case 'CUSTOM_PENALTY': {
      const linear = indexedTerms(context, constraint.linear ?? [], 'linear');
      const quadratic = indexedPairs(context, constraint.quadratic ?? []);
      const offset = constraint.offset === undefined ? 0 : requireFinite(constraint.offset, 'offset', fail);
      return { ...base, condition: { type: 'custom', linear, quadratic, offset } };
    }
    default:
      throw invalidConstraint(
        `constraint "${id}": kind must be one of ${CONSTRAINT_KINDS.join(', ')}, got ${describe((constraint as { kind: unknown }).kind)}`,
        `${at}.kind`,
      );
  }
}

interface Context {
  readonly model: QuboModel;
  readonly fail: (message: string, field: string) => QuboModelError;
}

function linearCondition(context: Context, terms: readonly LinearTerm[], relation: LinearCondition['relation'], rhs: unknown): LinearCondition {
  const merged = indexedTerms(context, terms, 'terms');
  if (merged.length === 0) throw context.fail('terms must name at least one variable', 'terms');
  return { type: 'linear', terms: merged, relation, rhs: requireFinite(rhs, 'rhs', context.fail) };
}

/** Terms by index, a variable named twice summed into one term (the penalty expansion needs that). */
function indexedTerms(context: Context, terms: readonly LinearTerm[], field: string): IndexedTerm[] {
  if (!Array.isArray(terms)) throw context.fail(`${field} must be a list, got ${describe(terms)}`, field);
  const byIndex = new Map<number, number>();
  terms.forEach((term, position) => {
    const index = variableIndex(context, term?.variable, `${field}[${position}].variable`);
    const coefficient = requireFinite(term.coefficient, `${field}[${position}].coefficient`, context.fail);
    byIndex.set(index, (byIndex.get(index) ?? 0) + coefficient);
  });
  return [...byIndex].map(([index, coefficient]) => ({ index, coefficient }));
}

function indexedPairs(context: Context, terms: readonly QuadraticTerm[]): IndexedPair[] {
  if (!Array.isArray(terms)) throw context.fail(`quadratic must be a list, got ${describe(terms)}`, 'quadratic');
  return terms.map((term, position) => ({
    i: variableIndex(context, term?.u, `quadratic[${position}].u`),
    j: variableIndex(context, term.v, `quadratic[${position}].v`),
    coefficient: requireFinite(term.coefficient, `quadratic[${position}].coefficient`, context.fail),
  }));
}

function unitTerms(context: Context, variables: readonly string[]): IndexedTerm[] {
  if (!Array.isArray(variables)) throw context.fail(`variables must be a list, got ${describe(variables)}`, 'variables');
  const seen = new Set<number>();
  return variables.map((name, position) => {
    const index = variableIndex(context, name, `variables[${position}]`);
    if (seen.has(index)) throw context.fail(`variables[${position}]: "${name}" is listed twice`, `variables[${position}]`);
    seen.add(index);
    return { index, coefficient: 1 };
  });
}

function variableIndex(context: Context, name: unknown, field: string): number {
  const index = typeof name === 'string' ? context.model.findIndex(name) : undefined;
  if (index === undefined) throw context.fail(`${field}: unknown variable ${describe(name)}`, field);
  return index;
}

function assertEqualityReachable(condition: LinearCondition, fail: Context['fail']): void {
  const { min, max } = linearBounds(condition.terms);
  const { rhs } = condition;
  const slack = roundingAllowance(min, max);
  if (rhs < min - slack || rhs > max + slack) throw fail(`Σ aᵢxᵢ = ${rhs} can never hold: the sum only reaches ${min}..${max}`, 'rhs');
  const coefficients = condition.terms.map((term) => term.coefficient);
  if (!coefficients.every(Number.isInteger)) return;
  const divisor = coefficients.reduce((g, a) => gcd(g, Math.abs(a)), 0);
  if (!Number.isInteger(rhs) || (divisor > 0 && rhs % divisor !== 0)) {
    throw fail(`Σ aᵢxᵢ = ${rhs} can never hold: with integer coefficients every sum is a multiple of ${divisor}`, 'rhs');
  }
}

function assertInequalityReachable(condition: LinearCondition, fail: Context['fail']): void {
  const { min, max } = linearBounds(condition.terms);
  const slack = roundingAllowance(min, max);
  if (condition.relation === 'LESS_OR_EQUAL' && condition.rhs < min - slack) throw fail(`Σ aᵢxᵢ ≤ ${condition.rhs} can never hold: the sum is at least ${min}`, 'rhs');
  if (condition.relation === 'GREATER_OR_EQUAL' && condition.rhs > max + slack) throw fail(`Σ aᵢxᵢ ≥ ${condition.rhs} can never hold: the sum is at most ${max}`, 'rhs');
}

/** Sums of decimal coefficients carry rounding error; do not call a constraint infeasible over it. */
function roundingAllowance(min: number, max: number): number {
  return 1e-9 * Math.max(1, -min, max);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
