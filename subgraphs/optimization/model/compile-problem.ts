import type { CompiledQubo } from '../engine/compiled-qubo';
import { toCompiledQubo } from './compiled-qubo-builder';
import type { Constraint } from './constraints/constraint';
import { penaltyFormFor } from './constraints/penalty-for-constraint';
import { addPenaltyTerms, type PenaltyForm } from './constraints/penalty-form';
import { resolveConstraint } from './constraints/resolve-constraint';
import type { ResolvedConstraint } from './constraints/resolved-constraint';
import { invalidConstraint, invalidQubo } from './model-error';
import { assertModelWithin, DEFAULT_MODEL_LIMITS, type ModelLimits } from './model-limits';
import { RESERVED_VARIABLE_PREFIX, type QuboModel } from './qubo-model';

export interface SlackVariable {
  readonly name: string;
  readonly index: number;
  readonly constraintId: string;
  /** What setting this bit adds to the slack, in the constraint's own units. */
  readonly value: number;
}

export interface CompiledConstraint {
  readonly constraint: ResolvedConstraint;
  readonly penalty: PenaltyForm;
}

/** A model and its constraints as one QUBO for the engine, plus what evaluation needs to explain a sample. */
export interface CompiledProblem {
  readonly compiled: CompiledQubo;
  /** User variables in model order, then slack variables in constraint order. */
  readonly variableNames: readonly string[];
  readonly userVariableCount: number;
  readonly slackVariables: readonly SlackVariable[];
  /** The objective alone (the user's model, without penalties). */
  readonly objective: QuboModel;
  readonly constraints: readonly CompiledConstraint[];
}

export interface CompileOptions {
  /** Checked on the result, slack variables and penalty terms included. */
  readonly limits?: ModelLimits;
}

/**
 * Adds every constraint's penalty, weight·penalty(x), to the objective and compiles the sum. Slack
 * variables are appended after the user's variables as `__slack_<constraintId>_<k>` (k from 0,
 * the bit worth 2^k/scale, the last bit possibly less) and are allocated even at weight 0, so the
 * variable layout does not change when constraint evolution tunes a weight. The model passed in
 * is not modified.
 */
export function compileProblem(model: QuboModel, constraints: readonly Constraint[] = [], options: CompileOptions = {}): CompiledProblem {
  const reserved = model.variableNames.find((name) => name.startsWith(RESERVED_VARIABLE_PREFIX));
  if (reserved !== undefined) throw invalidQubo(`variable "${reserved}": names starting with "${RESERVED_VARIABLE_PREFIX}" are reserved for slack variables`, 'variables');
  if (!Array.isArray(constraints)) throw invalidConstraint('constraints must be a list', 'constraints');
  const resolved = constraints.map((constraint, position) => resolveConstraint(constraint, model, position));
  assertUniqueIds(resolved);

  const penalised = model.clone();
  const slackVariables: SlackVariable[] = [];
  const compiledConstraints = resolved.map((constraint): CompiledConstraint => {
    const penalty = penaltyFormFor(constraint, (constraintId, count) =>
      Array.from({ length: count }, (_, k) => penalised.addVariable(`${RESERVED_VARIABLE_PREFIX}${constraintId}_${k}`)),
    );
    if (penalty.form === 'squared' && penalty.slack) {
      const { indices, units, scale } = penalty.slack;
      indices.forEach((index, k) => slackVariables.push({ name: penalised.nameOf(index), index, constraintId: constraint.id, value: units[k] / scale }));
    }
    addPenaltyTerms(penalised, penalty, constraint.penaltyWeight);
    return { constraint, penalty };
  });
  assertModelWithin(penalised, options.limits ?? DEFAULT_MODEL_LIMITS, 'the problem with its constraints');

  return {
    compiled: toCompiledQubo(penalised),
    variableNames: penalised.variableNames,
    userVariableCount: model.size,
    slackVariables,
    objective: model.clone(),
    constraints: compiledConstraints,
  };
}

function assertUniqueIds(constraints: readonly ResolvedConstraint[]): void {
  const seen = new Set<string>();
  constraints.forEach(({ id }, position) => {
    if (seen.has(id)) throw invalidConstraint(`constraint id "${id}" is used twice`, `constraints[${position}].id`);
    seen.add(id);
  });
}
