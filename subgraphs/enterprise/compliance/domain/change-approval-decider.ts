import { DomainError, type Decider } from '../../../../platform/commands/decider';
import { isChangeManaged } from '../../../../schema/compliance';
import type { ChangeApprovalEvent } from '../../../../schema/events';
import { validOperation, validText } from './compliance-validation';

/** An approval lets its change through for this long after it was given. */
export const CHANGE_APPROVAL_VALIDITY_HOURS = 24;

export type ChangeApprovalState =
  | { readonly status: 'absent' }
  | { readonly status: 'PENDING' | 'APPROVED'; readonly tenantId: string; readonly operation: string; readonly requestedBy: string; readonly approvedBy?: string };

export type ChangeApprovalCommand =
  | {
      readonly type: 'RequestChangeApproval';
      readonly approvalId: string;
      readonly tenantId: string;
      readonly operation: string;
      readonly target?: string;
      readonly reason: string;
      readonly requestedBy: string;
      readonly requestedAt: string;
    }
  | { readonly type: 'ApproveChange'; readonly approvalId: string; readonly approvedBy: string; readonly approvedAt: string };

/** SOC2 CC8.1: a change is approved by someone other than the person who asked for it. */
export const changeApprovalDecider: Decider<ChangeApprovalState, ChangeApprovalCommand, ChangeApprovalEvent> = {
  initialState: () => ({ status: 'absent' }),

  evolve(state, event) {
    switch (event.type) {
      case 'ChangeApprovalRequested':
        return { status: 'PENDING', tenantId: event.data.tenantId, operation: event.data.operation, requestedBy: event.data.requestedBy };
      case 'ChangeApproved':
        return state.status === 'absent' ? state : { ...state, status: 'APPROVED', approvedBy: event.data.approvedBy };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RequestChangeApproval': {
        if (state.status !== 'absent') throw new DomainError('CONFLICT', `Change approval ${command.approvalId} already exists.`);
        const operation = validOperation(command.operation, 'operation');
        if (!isChangeManaged(operation)) {
          throw new DomainError('BAD_USER_INPUT', `${operation} is not a change that needs approval; constraint and scaling-policy changes do (e.g. updateConstraint).`, { field: 'operation' });
        }
        return [
          {
            type: 'ChangeApprovalRequested',
            data: {
              tenantId: command.tenantId,
              approvalId: command.approvalId,
              operation,
              target: command.target === undefined ? null : validText(command.target, 'target', 200),
              reason: validText(command.reason, 'reason', 500),
              requestedBy: command.requestedBy,
              requestedAt: command.requestedAt,
            },
          },
        ];
      }
      case 'ApproveChange': {
        if (state.status === 'absent') throw new DomainError('NOT_FOUND', `Change approval ${command.approvalId} does not exist.`);
        if (state.status === 'APPROVED') throw new DomainError('CONFLICT', `Change approval ${command.approvalId} was already approved by ${state.approvedBy}.`);
        if (command.approvedBy === state.requestedBy) {
          throw new DomainError('FORBIDDEN', 'You requested this change; another user must approve it (SOC2 CC8.1 separation of duties).', { reason: 'APPROVER_IS_REQUESTER' });
        }
        const expiresAt = new Date(new Date(command.approvedAt).getTime() + CHANGE_APPROVAL_VALIDITY_HOURS * 3_600_000).toISOString();
        return [{ type: 'ChangeApproved', data: { tenantId: state.tenantId, approvalId: command.approvalId, approvedBy: command.approvedBy, approvedAt: command.approvedAt, expiresAt } }];
      }
    }
  },
};
