import { OPTIMIZATION_RUN_CATEGORY, SOLVE_JOB_CATEGORY, type ConstraintOutcomesRecorded } from '../schema/events';
import {
  CONSTRAINT_OUTCOMES_COLLECTION,
  CONSTRAINT_PERFORMANCE_DAYS_COLLECTION,
  PROBLEM_OBJECTIVE_BESTS_COLLECTION,
  type ConstraintOutcomeDocument,
  type ConstraintPerformanceDayDocument,
  type ProblemObjectiveBestDocument,
} from '../schema/read-models/constraint-performance';
import type { Projection } from './projection';

const OUTCOMES: ConstraintOutcomesRecorded['type'] = 'ConstraintOutcomesRecorded';

/**
 * Each stored constraint's outcomes per solve and per day, and each problem's best feasible
 * objective: constraint performance, tenant performance and the gaps they report. Constraints
 * given inline with a solve have no identity beyond it and are left out. The day counters are
 * safe to redeliver: the read stores skip a write older than what a document already holds.
 */
export const constraintPerformanceProjection: Projection = {
  name: 'constraint-performance',
  // 2: outcome rows carry the features the prediction model learns from.
  version: 2,
  collections: [
    { name: CONSTRAINT_OUTCOMES_COLLECTION, indexes: ['constraintId', 'tenantId', 'recordedAt'] },
    { name: CONSTRAINT_PERFORMANCE_DAYS_COLLECTION, indexes: ['tenantId', 'constraintId', 'day'] },
    { name: PROBLEM_OBJECTIVE_BESTS_COLLECTION, indexes: ['tenantId'] },
  ],
  filter: { categories: [OPTIMIZATION_RUN_CATEGORY, SOLVE_JOB_CATEGORY], eventTypes: [OUTCOMES] },
  async handle(recorded, context) {
    const { data } = recorded as unknown as ConstraintOutcomesRecorded;
    const problemId = data.problemId;
    if (problemId === null) return;
    if (data.bestFeasibleObjective !== null) {
      const best = await context.get<ProblemObjectiveBestDocument>(PROBLEM_OBJECTIVE_BESTS_COLLECTION, problemId);
      if (!best || data.bestFeasibleObjective < best.bestFeasibleObjective) {
        const document: ProblemObjectiveBestDocument = { id: problemId, tenantId: data.tenantId, bestFeasibleObjective: data.bestFeasibleObjective, objectiveSense: data.objectiveSense, updatedAt: data.recordedAt };
        context.upsert(PROBLEM_OBJECTIVE_BESTS_COLLECTION, document);
      }
    }
    // Each constraint's share of the solve's CPU time, so a day's cost adds up to the solves' cost.
    const tracked = data.constraints.filter((constraint) => !constraint.inline);
    const cpuMs = data.cpuMs / Math.max(1, data.constraints.length);
    for (const constraint of tracked) {
      const outcome: ConstraintOutcomeDocument = {
        id: `${data.solveId}:${constraint.constraintId}`,
        tenantId: data.tenantId,
        problemId,
        constraintId: constraint.constraintId,
        solveId: data.solveId,
        recordedAt: data.recordedAt,
        penaltyWeight: constraint.penaltyWeight,
        ...(constraint.penaltyMethod !== undefined && { penaltyMethod: constraint.penaltyMethod }),
        satisfied: constraint.bestSampleViolation === 0,
        violation: constraint.bestSampleViolation,
        satisfiedShare: constraint.satisfiedShare,
        objective: constraint.bestObjectiveSatisfying,
        cpuMs,
        timeLimitMs: data.timeLimitMs,
        kind: constraint.kind,
        relativeWeight: constraint.relativeWeight,
        tightness: constraint.tightness,
        variables: data.features.variables,
        quadraticTerms: data.features.quadraticTerms,
        density: data.features.density,
        coefficientScale: data.features.coefficientScale,
      };
      context.upsert(CONSTRAINT_OUTCOMES_COLLECTION, outcome);

      const day = data.recordedAt.slice(0, 10);
      const id = `${constraint.constraintId}:${day}`;
      const previous = await context.get<ConstraintPerformanceDayDocument>(CONSTRAINT_PERFORMANCE_DAYS_COLLECTION, id);
      const document: ConstraintPerformanceDayDocument = {
        id,
        tenantId: data.tenantId,
        problemId,
        constraintId: constraint.constraintId,
        kind: constraint.kind,
        day,
        solves: (previous?.solves ?? 0) + 1,
        satisfiedSolves: (previous?.satisfiedSolves ?? 0) + (outcome.satisfied ? 1 : 0),
        violationSum: (previous?.violationSum ?? 0) + outcome.violation,
        objectiveSum: (previous?.objectiveSum ?? 0) + (outcome.objective ?? 0),
        objectiveCount: (previous?.objectiveCount ?? 0) + (outcome.objective === null ? 0 : 1),
        cpuMsSum: (previous?.cpuMsSum ?? 0) + cpuMs,
        penaltyWeight: constraint.penaltyWeight,
        ...(constraint.penaltyMethod !== undefined && { penaltyMethod: constraint.penaltyMethod }),
        lastRecordedAt: data.recordedAt,
      };
      context.upsert(CONSTRAINT_PERFORMANCE_DAYS_COLLECTION, document);
    }
  },
};
