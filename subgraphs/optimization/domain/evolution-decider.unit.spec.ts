import type { ConstraintsEvolved, EvolutionEvent } from '../../../schema/events';
import { deciderSpec } from '../../../test/support/decider-spec';
import { evolutionDecider, type EvolutionCommand } from './evolution-decider';

const spec = deciderSpec(evolutionDecider);
const at = '2026-12-03T12:00:00.000Z';
const evolution: ConstraintsEvolved['data'] = {
  evolutionId: 'e1',
  tenantId: 't1',
  strategy: 'BALANCED',
  performanceThreshold: 0.85,
  dryRun: false,
  updates: [],
  unmet: [],
  measurements: {},
  triggeredBy: 'ada',
  evolvedAt: at,
};
const proposed: EvolutionEvent = { type: 'EvolutionProposed', data: evolution };
const approve = (by: string, tenantId = 't1'): EvolutionCommand => ({ type: 'ApproveEvolution', evolutionId: 'e1', tenantId, by, at });
const reject = (reason: string): EvolutionCommand => ({ type: 'RejectEvolution', evolutionId: 'e1', tenantId: 't1', by: 'bob', reason, at });

describe('evolution decider', () => {
  it('records an applied evolution, or proposes one, once', () => {
    spec.given([]).when({ type: 'RecordEvolution', evolution }).then([{ type: 'ConstraintsEvolved', data: evolution }]);
    spec.given([]).when({ type: 'ProposeEvolution', evolution }).then([proposed]);
    spec.given([proposed]).when({ type: 'RecordEvolution', evolution }).thenRejects('CONFLICT');
  });

  it('lets someone other than the proposer approve a proposal, once', () => {
    spec.given([proposed]).when(approve('bob')).then([{ type: 'EvolutionApproved', data: { evolutionId: 'e1', tenantId: 't1', approvedBy: 'bob', approvedAt: at } }]);
    spec.given([proposed]).when(approve('ada')).thenRejects('FORBIDDEN', /someone else must approve it/);
    spec.given([proposed, { type: 'EvolutionApproved', data: { evolutionId: 'e1', tenantId: 't1', approvedBy: 'bob', approvedAt: at } }]).when(approve('carol')).thenRejects('CONFLICT');
  });

  it('rejects a proposal with a reason; nothing else can be approved or rejected', () => {
    spec.given([proposed]).when(reject('weights look wrong')).then([{ type: 'EvolutionRejected', data: { evolutionId: 'e1', tenantId: 't1', rejectedBy: 'bob', reason: 'weights look wrong', rejectedAt: at } }]);
    spec.given([proposed]).when(reject('  ')).thenRejects('BAD_USER_INPUT');
    spec.given([{ type: 'ConstraintsEvolved', data: evolution }]).when(approve('bob')).thenRejects('CONFLICT', /applied, not waiting for approval/);
  });

  it("answers NOT_FOUND for a missing evolution and another tenant's", () => {
    spec.given([]).when(approve('bob')).thenRejects('NOT_FOUND');
    spec.given([proposed]).when(approve('bob', 't2')).thenRejects('NOT_FOUND');
  });
});
