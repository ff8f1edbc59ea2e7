import { evolutionStreamId, type ConstraintsEvolved, type EvolutionEvent } from '../schema/events';
import { EVOLUTIONS_COLLECTION } from '../schema/read-models/evolutions';
import { describeProjection, stream } from '../test/support/projection-spec';
import { evolutionsProjection } from './evolutions';

const at = '2026-12-03T12:00:00.000Z';
const evolution = (evolutionId: string, dryRun = false): ConstraintsEvolved['data'] => ({
  evolutionId,
  tenantId: 'acme',
  strategy: 'BALANCED',
  performanceThreshold: 0.85,
  dryRun,
  updates: [],
  unmet: [],
  measurements: {},
  triggeredBy: 'ada',
  evolvedAt: at,
});

describeProjection(evolutionsProjection, (spec) => {
  const of = (evolutionId: string) => stream<EvolutionEvent>(evolutionStreamId(evolutionId), 'acme');

  it('lists applied evolutions, dry runs and proposals with where they stand', () =>
    spec
      .when(
        of('e1')({ type: 'ConstraintsEvolved', data: evolution('e1') }),
        of('e2')({ type: 'ConstraintsEvolved', data: evolution('e2', true) }),
        of('e3')({ type: 'EvolutionProposed', data: evolution('e3') }),
        of('e4')({ type: 'EvolutionProposed', data: evolution('e4') }),
        of('e3')({ type: 'EvolutionApproved', data: { evolutionId: 'e3', tenantId: 'acme', approvedBy: 'bob', approvedAt: at } }),
        of('e4')({ type: 'EvolutionRejected', data: { evolutionId: 'e4', tenantId: 'acme', rejectedBy: 'bob', reason: 'too risky', rejectedAt: at } }),
      )
      .then({
        [EVOLUTIONS_COLLECTION]: [
          { id: 'e1', ...evolution('e1'), status: 'APPLIED' },
          { id: 'e2', ...evolution('e2', true), status: 'DRY_RUN' },
          { id: 'e3', ...evolution('e3'), status: 'APPROVED', decidedBy: 'bob', decidedAt: at },
          { id: 'e4', ...evolution('e4'), status: 'REJECTED', decidedBy: 'bob', decidedAt: at, rejectionReason: 'too risky' },
        ],
      }));
});
