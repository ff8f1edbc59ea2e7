import type { Constraint } from '../constraints/constraint';
import type { QuboModel } from '../qubo-model';

/**
 * How a constraint's penalty weight is chosen. MANUAL: the client's `penaltyWeight`. The others
 * are the static rules compared by Ayodele et al. (Fujitsu, 2022), computed from the objective
 * alone (the model's minimisation form) and recorded with the weight they gave:
 *
 * - UB   an upper bound of the objective's magnitude: Σ|qᵢᵢ| + Σ_{i<j}|qᵢⱼ|.
 * - MQC  the maximum QUBO coefficient: max |qᵢⱼ| over the objective's terms.
 * - VLM  Verma and Lewis (2020): the most one flip can change the objective,
 *        maxᵢ max(qᵢᵢ + Σⱼ max(qᵢⱼ, 0), −(qᵢᵢ + Σⱼ min(qᵢⱼ, 0))).
 */
export type PenaltyMethod = 'MANUAL' | 'UB' | 'MQC' | 'VLM';
export type ComputedPenaltyMethod = Exclude<PenaltyMethod, 'MANUAL'>;
export const PENALTY_METHODS: readonly PenaltyMethod[] = ['MANUAL', 'UB', 'MQC', 'VLM'];

/**
 * A weight of 0 would switch the constraint off; an objective without terms (a pure feasibility
 * problem) gets this instead, so any violation still costs something.
 */
const FLOOR_WEIGHT = 1;

export function penaltyWeightFor(method: ComputedPenaltyMethod, objective: QuboModel): number {
  const weight = method === 'UB' ? upperBoundWeight(objective) : method === 'MQC' ? maxCoefficientWeight(objective) : vermaLewisWeight(objective);
  return weight > 0 ? weight : FLOOR_WEIGHT;
}

function upperBoundWeight(objective: QuboModel): number {
  let sum = 0;
  for (let i = 0; i < objective.size; i++) sum += Math.abs(objective.linear(i));
  for (const [, , coefficient] of objective.quadraticTerms()) sum += Math.abs(coefficient);
  return sum;
}

function maxCoefficientWeight(objective: QuboModel): number {
  let max = 0;
  for (let i = 0; i < objective.size; i++) max = Math.max(max, Math.abs(objective.linear(i)));
  for (const [, , coefficient] of objective.quadraticTerms()) max = Math.max(max, Math.abs(coefficient));
  return max;
}

function vermaLewisWeight(objective: QuboModel): number {
  // Per variable: the largest rise (all positive neighbours on) and the largest fall (all negative on) of a flip.
  const rise = Array.from({ length: objective.size }, (_, i) => objective.linear(i));
  const fall = rise.map((linear) => -linear);
  for (const [i, j, coefficient] of objective.quadraticTerms()) {
    if (coefficient > 0) {
      rise[i] += coefficient;
      rise[j] += coefficient;
    } else {
      fall[i] -= coefficient;
      fall[j] -= coefficient;
    }
  }
  let max = 0;
  for (let i = 0; i < objective.size; i++) max = Math.max(max, rise[i], fall[i]);
  return max;
}

/** What Qiskit Optimization's QuadraticProgramToQubo uses when given no penalty: the benchmark's fourth static anchor. */
export const QISKIT_FLOAT_DATA_PENALTY = 1e5;

/**
 * `LinearEqualityToPenalty._auto_define_penalty`: 1 + the objective's range over binary
 * assignments (linear and quadratic parts each bounded by the sum of their magnitudes), or 1e5
 * when any constraint coefficient or right-hand side is not an integer.
 */
export function qiskitDefaultPenalty(objective: QuboModel, constraints: readonly Constraint[]): number {
  const constraintNumbers = constraints.flatMap((constraint) => {
    switch (constraint.kind) {
      case 'LINEAR_EQUALITY':
      case 'LINEAR_INEQUALITY':
        return [constraint.rhs, ...constraint.terms.map((term) => term.coefficient)];
      case 'AT_MOST_K':
        return [constraint.k];
      default:
        return [];
    }
  });
  if (constraintNumbers.some((value) => !Number.isInteger(value))) return QISKIT_FLOAT_DATA_PENALTY;
  return 1 + upperBoundWeight(objective);
}
