import type { CompiledProblem } from './compile-problem';
import type { ConstraintKind } from './constraints/constraint';
import { optimiseSlack, penaltyValue } from './constraints/penalty-form';
import { constraintViolation, violationTolerance } from './constraints/violation';
import { describe, ModelErrorCode, QuboModelError } from './model-error';

/**
 * 0/1 values by position (user variables only, or user and slack variables in
 * `variableNames` order) or by name (every user variable; slack variables all or none).
 */
export type Assignment = ArrayLike<number> | Readonly<Record<string, number>>;

export interface ConstraintEvaluation {
  readonly id: string;
  readonly kind: ConstraintKind;
  readonly penaltyWeight: number;
  /** weight·penalty(x), its share of the energy. */
  readonly penalty: number;
  /** How far from satisfied, in the constraint's own units (0 when satisfied). */
  readonly violation: number;
  readonly satisfied: boolean;
}

export interface SolutionEvaluation {
  /** The objective alone, in the model's minimisation form. */
  readonly objective: number;
  /** The objective in the source's convention (e.g. the cut, or the bqp maximum). */
  readonly sourceObjective: number;
  readonly constraints: readonly ConstraintEvaluation[];
  readonly totalPenalty: number;
  /** objective + totalPenalty: the compiled QUBO's energy of `assignment`. */
  readonly energy: number;
  readonly feasible: boolean;
  /** The full assignment the energy refers to: user variables, then slack (given or optimised). */
  readonly assignment: Uint8Array;
}

/**
 * Explains a solution. When slack values are not given they are optimised out: each constraint's
 * slack is set to the value that minimises its penalty, so the energy is the lowest any slack
 * setting gives for these user variables.
 */
export function evaluateSolution(problem: CompiledProblem, given: Assignment): SolutionEvaluation {
  const { assignment, slackGiven } = fullAssignment(problem, given);
  if (!slackGiven) for (const { penalty } of problem.constraints) optimiseSlack(penalty, assignment);

  const objective = problem.objective.energy(assignment);
  const constraints = problem.constraints.map(({ constraint, penalty }): ConstraintEvaluation => {
    const violation = constraintViolation(constraint, penalty, assignment);
    const satisfied = violation <= violationTolerance(constraint);
    return {
      id: constraint.id,
      kind: constraint.kind,
      penaltyWeight: constraint.penaltyWeight,
      penalty: penaltyValue(penalty, constraint.penaltyWeight, assignment),
      violation: satisfied ? 0 : violation,
      satisfied,
    };
  });
  const totalPenalty = constraints.reduce((sum, constraint) => sum + constraint.penalty, 0);
  return {
    objective,
    sourceObjective: problem.objective.toSourceObjective(objective),
    constraints,
    totalPenalty,
    energy: objective + totalPenalty,
    feasible: constraints.every((constraint) => constraint.satisfied),
    assignment,
  };
}

function fullAssignment(problem: CompiledProblem, given: Assignment): { assignment: Uint8Array; slackGiven: boolean } {
  const total = problem.variableNames.length;
  const assignment = new Uint8Array(total);
  if (isPositional(given)) {
    if (given.length !== problem.userVariableCount && given.length !== total) {
      throw invalidAssignment(`the assignment has ${given.length} values; expected ${problem.userVariableCount} (user variables) or ${total} (with slack variables)`);
    }
    for (let i = 0; i < given.length; i++) assignment[i] = binary(given[i], problem.variableNames[i]);
    return { assignment, slackGiven: given.length === total };
  }
  if (typeof given !== 'object' || given === null) throw invalidAssignment(`an assignment must be a list or an object of 0/1 values, got ${describe(given)}`);
  const indexByName = new Map(problem.variableNames.map((name, index) => [name, index]));
  for (const [name, value] of Object.entries(given)) {
    const index = indexByName.get(name);
    if (index === undefined) throw invalidAssignment(`unknown variable "${name}"`);
    assignment[index] = binary(value, name);
  }
  const missingUser = problem.variableNames.slice(0, problem.userVariableCount).find((name) => !(name in given));
  if (missingUser !== undefined) throw invalidAssignment(`variable "${missingUser}" has no value`);
  const slackNamed = problem.slackVariables.filter((slack) => slack.name in given).length;
  if (slackNamed !== 0 && slackNamed !== problem.slackVariables.length) {
    throw invalidAssignment(`give every slack variable or none (${slackNamed} of ${problem.slackVariables.length} given)`);
  }
  return { assignment, slackGiven: slackNamed > 0 };
}

function isPositional(given: Assignment): given is ArrayLike<number> {
  return Array.isArray(given) || ArrayBuffer.isView(given);
}

function binary(value: unknown, name: string): number {
  if (value !== 0 && value !== 1) throw invalidAssignment(`variable "${name}" must be 0 or 1, got ${describe(value)}`);
  return value;
}

function invalidAssignment(message: string): QuboModelError {
  return new QuboModelError(ModelErrorCode.InvalidAssignment, message, 'assignment');
}
