import { optimizationRunStreamId, solveJobStreamId, type ConstraintOutcome, type ConstraintOutcomesRecorded } from '../schema/events';
import {
  CONSTRAINT_OUTCOMES_COLLECTION,
  CONSTRAINT_PERFORMANCE_DAYS_COLLECTION,
  PROBLEM_OBJECTIVE_BESTS_COLLECTION,
} from '../schema/read-models/constraint-performance';
import { describeProjection, stream } from '../test/support/projection-spec';
import { constraintPerformanceProjection } from './constraint-performance';

const capacity = (overrides: Partial<ConstraintOutcome>): ConstraintOutcome => ({
  constraintId: 'c1',
  inline: false,
  kind: 'LINEAR_INEQUALITY',
  penaltyWeight: 2,
  penaltyMethod: 'MANUAL',
  relativeWeight: 0.4,
  tightness: 0.4,
  bestSampleViolation: 0,
  satisfiedShare: 1,
  bestObjectiveSatisfying: -7,
  ...overrides,
});

function outcomes(solveId: string, recordedAt: string, bestFeasibleObjective: number | null, constraints: ConstraintOutcome[], problemId: string | null = 'p1'): ConstraintOutcomesRecorded {
  return {
    type: 'ConstraintOutcomesRecorded',
    data: {
      solveId,
      solveKind: 'OPTIMIZE_QUBO',
      tenantId: 'acme',
      problemId,
      objectiveSense: 'MAXIMIZE',
      strategy: 'TABU',
      timeLimitMs: 50,
      totalTimeMs: 50,
      cpuMs: 100,
      sampleCount: 5,
      features: { variables: 3, quadraticTerms: 0, density: 0, coefficientScale: 5 },
      bestFeasible: bestFeasibleObjective !== null,
      bestFeasibleObjective,
      constraints,
      recordedAt,
    },
  };
}

describeProjection(constraintPerformanceProjection, (spec) => {
  const run = (runId: string) => stream<ConstraintOutcomesRecorded>(optimizationRunStreamId(runId), 'acme');
  const job = (jobId: string) => stream<ConstraintOutcomesRecorded>(solveJobStreamId(jobId), 'acme');

  it('keeps each stored constraint’s outcome per solve with the features the prediction model learns from, sums them per day, and the problem’s best feasible objective', () =>
    spec
      .when(
        run('r1')(outcomes('r1', '2026-12-01T10:00:00.000Z', -6, [capacity({ bestObjectiveSatisfying: -6 })])),
        job('j1')(outcomes('j1', '2026-12-01T11:00:00.000Z', null, [capacity({ bestSampleViolation: 4, satisfiedShare: 0.2, bestObjectiveSatisfying: -3 })])),
        run('r2')(outcomes('r2', '2026-12-02T09:00:00.000Z', -7, [capacity({ penaltyWeight: 5 })])),
      )
      .then({
        [CONSTRAINT_OUTCOMES_COLLECTION]: {
          'j1:c1': {
            id: 'j1:c1',
            tenantId: 'acme',
            problemId: 'p1',
            constraintId: 'c1',
            solveId: 'j1',
            recordedAt: '2026-12-01T11:00:00.000Z',
            penaltyWeight: 2,
            penaltyMethod: 'MANUAL',
            satisfied: false,
            violation: 4,
            satisfiedShare: 0.2,
            objective: -3,
            cpuMs: 100,
            timeLimitMs: 50,
            kind: 'LINEAR_INEQUALITY',
            relativeWeight: 0.4,
            tightness: 0.4,
            variables: 3,
            quadraticTerms: 0,
            density: 0,
            coefficientScale: 5,
          },
        },
        [CONSTRAINT_PERFORMANCE_DAYS_COLLECTION]: [
          {
            id: 'c1:2026-12-01',
            tenantId: 'acme',
            problemId: 'p1',
            constraintId: 'c1',
            kind: 'LINEAR_INEQUALITY',
            day: '2026-12-01',
            solves: 2,
            satisfiedSolves: 1,
            violationSum: 4,
            objectiveSum: -9,
            objectiveCount: 2,
            cpuMsSum: 200,
            penaltyWeight: 2,
            penaltyMethod: 'MANUAL',
            lastRecordedAt: '2026-12-01T11:00:00.000Z',
          },
          {
            id: 'c1:2026-12-02',
            tenantId: 'acme',
            problemId: 'p1',
            constraintId: 'c1',
            kind: 'LINEAR_INEQUALITY',
            day: '2026-12-02',
            solves: 1,
            satisfiedSolves: 1,
            violationSum: 0,
            objectiveSum: -7,
            objectiveCount: 1,
            cpuMsSum: 100,
            penaltyWeight: 5,
            penaltyMethod: 'MANUAL',
            lastRecordedAt: '2026-12-02T09:00:00.000Z',
          },
        ],
        [PROBLEM_OBJECTIVE_BESTS_COLLECTION]: [{ id: 'p1', tenantId: 'acme', bestFeasibleObjective: -7, objectiveSense: 'MAXIMIZE', updatedAt: '2026-12-02T09:00:00.000Z' }],
      }));

  it('leaves out inline constraints and problems that were never stored', () =>
    spec
      .when(
        run('r1')(outcomes('r1', '2026-12-01T10:00:00.000Z', -6, [capacity({ constraintId: 'inline-1', inline: true })])),
        run('r2')(outcomes('r2', '2026-12-01T10:00:00.000Z', -6, [capacity({})], null)),
      )
      .then({ [CONSTRAINT_OUTCOMES_COLLECTION]: [], [CONSTRAINT_PERFORMANCE_DAYS_COLLECTION]: [], [PROBLEM_OBJECTIVE_BESTS_COLLECTION]: [{ id: 'p1', tenantId: 'acme', bestFeasibleObjective: -6, objectiveSense: 'MAXIMIZE', updatedAt: '2026-12-01T10:00:00.000Z' }] }));
});
