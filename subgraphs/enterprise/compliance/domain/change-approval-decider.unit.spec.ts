import type { ChangeApprovalEvent } from '../../../../schema/events';
import { deciderSpec } from '../../../../test/support/decider-spec';
import { changeApprovalDecider, type ChangeApprovalCommand } from './change-approval-decider';

const spec = deciderSpec(changeApprovalDecider);
const AT = '2026-03-01T10:00:00.000Z';
const request: ChangeApprovalCommand = {
  type: 'RequestChangeApproval',
  approvalId: 'a1',
  tenantId: 't1',
  operation: 'updateConstraint',
  target: 'c1',
  reason: 'raise the penalty after the incident',
  requestedBy: 'alice',
  requestedAt: AT,
};
const requested: ChangeApprovalEvent = {
  type: 'ChangeApprovalRequested',
  data: { tenantId: 't1', approvalId: 'a1', operation: 'updateConstraint', target: 'c1', reason: 'raise the penalty after the incident', requestedBy: 'alice', requestedAt: AT },
};
const approve = (approvedBy: string): ChangeApprovalCommand => ({ type: 'ApproveChange', approvalId: 'a1', approvedBy, approvedAt: '2026-03-01T11:00:00.000Z' });
const approved: ChangeApprovalEvent = {
  type: 'ChangeApproved',
  data: { tenantId: 't1', approvalId: 'a1', approvedBy: 'bob', approvedAt: '2026-03-01T11:00:00.000Z', expiresAt: '2026-03-02T11:00:00.000Z' },
};

describe('change approval decider (SOC2 CC8.1)', () => {
  it('records a request for a constraint change', () => {
    spec.given([]).when(request).then([requested]);
  });

  it('refuses requests for operations that need no approval, or twice', () => {
    spec.given([]).when({ ...request, operation: 'createProblem' }).thenRejects('BAD_USER_INPUT', /not a change that needs approval/);
    spec.given([]).when({ ...request, operation: 'drop table' }).thenRejects('BAD_USER_INPUT', /operation name/);
    spec.given([requested]).when(request).thenRejects('CONFLICT');
  });

  it('lets another user approve, valid for 24 hours', () => {
    spec.given([requested]).when(approve('bob')).then([approved]);
  });

  it('refuses approval by the requester, a second approval and an unknown request', () => {
    spec.given([requested]).when(approve('alice')).thenRejects('FORBIDDEN', /another user must approve/);
    spec.given([requested, approved]).when(approve('carol')).thenRejects('CONFLICT', /already approved by bob/);
    spec.given([]).when(approve('bob')).thenRejects('NOT_FOUND');
  });
});
