import { DomainError } from '../../../platform/commands/decider';
import type { QuboDefinition } from '../../../schema/events';
import { parseQuboInput, penaltyWeightFor, type ComputedPenaltyMethod, type ModelLimits, type PenaltyMethod, type QuboModel } from '../model';
import { refuseInvalidModel } from './model-refusal';

/** What a client said about a constraint's weight: a method, a number, both or neither (GraphQL sends null for "not given"). */
export interface PenaltyRequest {
  readonly penaltyMethod?: PenaltyMethod | null;
  readonly penaltyWeight?: number | null;
}

/** What is stored: the number solves use and how it was obtained. */
export interface PenaltyChoice {
  readonly penaltyMethod: PenaltyMethod;
  readonly penaltyWeight: number;
}

/**
 * The method of a constraint that names neither a method nor a weight. VLM, because of the three
 * rules it is the one that is both safe and tight: it bounds the most a single flip can lower the
 * objective, so (for constraints a single flip violates by at least one unit, as one-hot and
 * integer constraints) no flip from a feasible assignment to an infeasible one pays off, while it
 * never exceeds UB, whose sum of every coefficient flattens the landscape the solver searches (too
 * high a weight slows convergence); MQC, the largest single coefficient, can be smaller than what
 * one flip gains and so returns infeasible answers.
 */
export const DEFAULT_PENALTY_METHOD: ComputedPenaltyMethod = 'VLM';

/**
 * A new constraint's method and weight. A weight alone is MANUAL (what every client sent before
 * methods existed); MANUAL needs a weight; a computed method with a weight as well is ambiguous;
 * neither is the default method. `at` prefixes the field named in a refusal (`constraints[0].`).
 */
export function choosePenalty(request: PenaltyRequest, objective: () => QuboModel, at = ''): PenaltyChoice {
  const method = request.penaltyMethod ?? undefined;
  const weight = request.penaltyWeight ?? undefined;
  if (method === undefined) return weight === undefined ? computed(DEFAULT_PENALTY_METHOD, objective) : { penaltyMethod: 'MANUAL', penaltyWeight: weight };
  if (method === 'MANUAL') {
    if (weight === undefined) {
      throw new DomainError('BAD_USER_INPUT', 'penaltyMethod MANUAL needs a penaltyWeight: give the weight, or choose UB, MQC or VLM to have it computed from the problem.', { field: `${at}penaltyWeight` });
    }
    return { penaltyMethod: method, penaltyWeight: weight };
  }
  if (weight !== undefined) {
    throw new DomainError(
      'BAD_USER_INPUT',
      `penaltyMethod ${method} computes the weight from the problem, so a penaltyWeight as well is ambiguous: leave penaltyWeight out, or give it with penaltyMethod MANUAL.`,
      { field: `${at}penaltyWeight` },
    );
  }
  return computed(method, objective);
}

/**
 * An update's change of method and weight: none when it names neither (a problem's objective never
 * changes, so a computed weight stays what its method gives), otherwise as for a new constraint.
 */
export function choosePenaltyChange(request: PenaltyRequest, objective: () => QuboModel): Partial<PenaltyChoice> {
  if ((request.penaltyMethod ?? undefined) === undefined && (request.penaltyWeight ?? undefined) === undefined) return {};
  return choosePenalty(request, objective);
}

/** The problem's objective as the model layer reads it, parsed once and only when a method needs it. */
export function objectiveOf(definition: QuboDefinition, limits: ModelLimits): () => QuboModel {
  let model: QuboModel | undefined;
  return () => (model ??= refuseInvalidModel(() => parseQuboInput(definition, { limits })));
}

function computed(method: ComputedPenaltyMethod, objective: () => QuboModel): PenaltyChoice {
  return { penaltyMethod: method, penaltyWeight: penaltyWeightFor(method, objective()) };
}
