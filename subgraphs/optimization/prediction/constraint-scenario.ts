import { DomainError } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { CONSTRAINT_OUTCOMES_COLLECTION, type ConstraintOutcomeDocument } from '../../../schema/read-models/constraint-performance';
import { PROBLEMS_COLLECTION, type ConstraintDocument, type ProblemDocument } from '../../../schema/read-models/optimization';
import { parseQuboInput, type Constraint } from '../model';
import { problemFeatures, tightness } from '../performance/constraint-outcomes';
import type { ConstraintScenario } from './features';

/** The time budget assumed for a constraint never solved, when the scenario names none. */
export const DEFAULT_TIME_LIMIT_MS = 1000;
/** The constraint's latest solves whose median budget a scenario assumes when it names none. */
const RECENT_SOLVES = 20;

type Check = (value: number) => boolean;

/** What a scenario may set, each with what it must be: the model's inputs, in the units outcomes record them. */
const SCENARIO_KEYS: Readonly<Record<Exclude<keyof ConstraintScenario, 'kind'>, { readonly check: Check; readonly rule: string }>> = {
  penaltyWeight: { check: (value) => value >= 0, rule: 'a number ≥ 0' },
  timeLimitMs: { check: (value) => value > 0, rule: 'a number of milliseconds > 0' },
  variables: { check: (value) => Number.isInteger(value) && value >= 1, rule: 'an integer ≥ 1' },
  density: { check: (value) => value >= 0 && value <= 1, rule: 'a number in [0, 1]' },
  coefficientScale: { check: (value) => value >= 0, rule: 'a number ≥ 0' },
  tightness: { check: (value) => value >= 0 && value <= 1, rule: 'a number in [0, 1]' },
};

/**
 * The constraint as it is now: its kind, weight and tightness, its problem's size, density and
 * coefficient scale (computed from the stored QUBO as every solve records them), and the median
 * budget of its latest solves (DEFAULT_TIME_LIMIT_MS when it was never solved).
 */
export async function constraintScenario(deps: Pick<SubgraphDependencies, 'readStore' | 'config'>, constraint: ConstraintDocument): Promise<ConstraintScenario> {
  const problem = await deps.readStore.collection<ProblemDocument>(PROBLEMS_COLLECTION).get(constraint.problemId);
  if (!problem) throw new DomainError(ErrorCode.NotFound, `Problem ${constraint.problemId} of constraint ${constraint.id} does not exist.`);
  const features = problemFeatures(parseQuboInput(problem.definition, { limits: deps.config.quboLimits }));
  const recent = await deps.readStore
    .collection<ConstraintOutcomeDocument>(CONSTRAINT_OUTCOMES_COLLECTION)
    .find({ where: { constraintId: constraint.id }, sort: [{ field: 'recordedAt', direction: 'desc' }], first: RECENT_SOLVES });
  return {
    kind: constraint.kind,
    penaltyWeight: constraint.penaltyWeight,
    coefficientScale: features.coefficientScale,
    tightness: tightness({ ...constraint.definition, id: constraint.id } as Constraint),
    variables: features.variables,
    density: features.density,
    timeLimitMs: recent.items.length > 0 ? median(recent.items.map((outcome) => outcome.timeLimitMs)) : DEFAULT_TIME_LIMIT_MS,
  };
}

/** The base with what the client's scenario sets; BAD_USER_INPUT naming `scenario.<key>` for a key it may not set or a value out of range. */
export function withScenario(base: ConstraintScenario, scenario: unknown): ConstraintScenario {
  if (typeof scenario !== 'object' || scenario === null || Array.isArray(scenario)) {
    throw new DomainError(ErrorCode.BadUserInput, `scenario must be an object such as { "penaltyWeight": 4, "timeLimitMs": 500 }.`, { field: 'scenario' });
  }
  const applied: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(scenario)) {
    const expected = (SCENARIO_KEYS as Record<string, { check: Check; rule: string } | undefined>)[key];
    if (!expected) {
      throw new DomainError(ErrorCode.BadUserInput, `scenario.${key} is not something the model predicts from; a scenario may set ${Object.keys(SCENARIO_KEYS).join(', ')}.`, { field: `scenario.${key}` });
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || !expected.check(value)) {
      throw new DomainError(ErrorCode.BadUserInput, `scenario.${key} must be ${expected.rule}, got ${JSON.stringify(value)}.`, { field: `scenario.${key}` });
    }
    applied[key] = value;
  }
  return applied as unknown as ConstraintScenario;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
