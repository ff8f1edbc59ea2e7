import { constraintStreamId, type ConstraintEvent } from '../schema/events';
import { CONSTRAINT_EVOLUTION_HISTORY_COLLECTION } from '../schema/read-models/constraint-evolution-history';
import { describeProjection, stream } from '../test/support/projection-spec';
import { constraintEvolutionHistoryProjection } from './constraint-evolution-history';

describeProjection(constraintEvolutionHistoryProjection, (spec) => {
  const constraint = stream<ConstraintEvent>(constraintStreamId('c1'), 'acme', { actor: 'ada' });
  const definition = { id: 'c1', kind: 'ONE_HOT', penaltyWeight: 4, penaltyMethod: 'MANUAL', variables: ['a', 'b'] } as const;
  const added = constraint({ type: 'ConstraintAdded', data: { constraintId: 'c1', problemId: 'p1', tenantId: 'acme', constraint: definition, addedAt: '2026-12-01T09:00:00.000Z' } });
  const evolution = {
    evolutionId: 'e1',
    evidence: { recordedSolves: 2, recordedFeasibilityRate: 0, recordedMeanObjectiveGap: null, shadowTimeLimitMs: 30, shadowSeeds: [1, 2], measuredBefore: 0, measuredAfter: 1 },
    predictedPerformance: { feasibilityProbability: 1, expectedObjective: -7, source: 'SHADOW_SOLVES' as const, solves: 2 },
  };

  it('keeps every change with its reason and actor, and the evolution behind an evolved one', () =>
    spec
      .given(added)
      .when(
        constraint({
          type: 'ConstraintUpdated',
          data: { constraintId: 'c1', problemId: 'p1', constraint: { ...definition, penaltyWeight: 6 }, previousPenaltyWeight: 4, previousPenaltyMethod: 'MANUAL', evolutionReason: 'by hand', updatedAt: '2026-12-01T10:00:00.000Z' },
        }),
        constraint({
          type: 'ConstraintUpdated',
          data: { constraintId: 'c1', problemId: 'p1', constraint: { ...definition, penaltyWeight: 12 }, previousPenaltyWeight: 6, previousPenaltyMethod: 'MANUAL', evolutionReason: 'Raised', evolution, updatedAt: '2026-12-01T11:00:00.000Z' },
        }),
      )
      .then({
        [CONSTRAINT_EVOLUTION_HISTORY_COLLECTION]: [
          {
            id: 'c1:1',
            tenantId: 'acme',
            constraintId: 'c1',
            problemId: 'p1',
            evolutionReason: 'by hand',
            oldParameters: { penaltyWeight: 4, penaltyMethod: 'MANUAL' },
            newParameters: { penaltyWeight: 6, penaltyMethod: 'MANUAL', variables: ['a', 'b'] },
            occurredAt: '2026-12-01T10:00:00.000Z',
            actor: 'ada',
            evolutionId: null,
          },
          {
            id: 'c1:2',
            tenantId: 'acme',
            constraintId: 'c1',
            problemId: 'p1',
            evolutionReason: 'Raised',
            oldParameters: { penaltyWeight: 6, penaltyMethod: 'MANUAL' },
            newParameters: { penaltyWeight: 12, penaltyMethod: 'MANUAL', variables: ['a', 'b'] },
            occurredAt: '2026-12-01T11:00:00.000Z',
            actor: 'ada',
            evolutionId: 'e1',
            evolution,
          },
        ],
      }));
});
