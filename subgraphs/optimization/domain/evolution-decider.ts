import { DomainError, type Decider } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';
import type { ConstraintsEvolved, EvolutionEvent } from '../../../schema/events';

export type EvolutionStatus = 'APPLIED' | 'DRY_RUN' | 'PROPOSED' | 'APPROVED' | 'REJECTED';

export type EvolutionState =
  | { readonly status: 'ABSENT' }
  | { readonly status: EvolutionStatus; readonly tenantId: string; readonly proposedBy: string; readonly evolution: ConstraintsEvolved['data'] };

interface Decision {
  readonly evolutionId: string;
  readonly tenantId: string;
  readonly by: string;
  readonly at: string;
}

export type EvolutionCommand =
  /** Applied at once (or a dry run): no approval is required. */
  | { readonly type: 'RecordEvolution'; readonly evolution: ConstraintsEvolved['data'] }
  /** The tenant requires change approval: the updates wait for someone else's approval. */
  | { readonly type: 'ProposeEvolution'; readonly evolution: ConstraintsEvolved['data'] }
  | ({ readonly type: 'ApproveEvolution' } & Decision)
  | ({ readonly type: 'RejectEvolution'; readonly reason: string } & Decision);

export function evolutionIdOf(command: EvolutionCommand): string {
  return command.type === 'RecordEvolution' || command.type === 'ProposeEvolution' ? command.evolution.evolutionId : command.evolutionId;
}

/**
 * One evolveConstraints run: recorded once, and when proposed, approved (by anyone but its
 * proposer, as SOC2 CC8.1 asks of every change) or rejected with a reason, once.
 */
export const evolutionDecider: Decider<EvolutionState, EvolutionCommand, EvolutionEvent> = {
  initialState: () => ({ status: 'ABSENT' }),

  evolve(state, event) {
    switch (event.type) {
      case 'ConstraintsEvolved':
      case 'EvolutionProposed':
        return {
          status: event.type === 'EvolutionProposed' ? 'PROPOSED' : event.data.dryRun ? 'DRY_RUN' : 'APPLIED',
          tenantId: event.data.tenantId,
          proposedBy: event.data.triggeredBy,
          evolution: event.data,
        };
      case 'EvolutionApproved':
        return state.status === 'ABSENT' ? state : { ...state, status: 'APPROVED' };
      case 'EvolutionRejected':
        return state.status === 'ABSENT' ? state : { ...state, status: 'REJECTED' };
    }
  },

  decide(command, state) {
    const evolutionId = evolutionIdOf(command);
    if (command.type === 'RecordEvolution' || command.type === 'ProposeEvolution') {
      if (state.status !== 'ABSENT') throw new DomainError(ErrorCode.Conflict, `Evolution ${evolutionId} is already recorded.`);
      return [{ type: command.type === 'RecordEvolution' ? 'ConstraintsEvolved' : 'EvolutionProposed', data: command.evolution }];
    }
    if (state.status === 'ABSENT' || state.tenantId !== command.tenantId) throw new DomainError(ErrorCode.NotFound, `Evolution ${evolutionId} does not exist.`);
    if (state.status !== 'PROPOSED') {
      throw new DomainError(ErrorCode.Conflict, `Evolution ${evolutionId} is ${state.status.toLowerCase().replace('_', ' ')}, not waiting for approval.`, { reason: 'EVOLUTION_NOT_PROPOSED' });
    }
    if (command.type === 'ApproveEvolution') {
      if (command.by === state.proposedBy) {
        throw new DomainError(ErrorCode.Forbidden, `Evolution ${evolutionId} was proposed by ${command.by}: someone else must approve it (SOC2 CC8.1).`, { reason: 'APPROVER_IS_PROPOSER' });
      }
      return [{ type: 'EvolutionApproved', data: { evolutionId, tenantId: command.tenantId, approvedBy: command.by, approvedAt: command.at } }];
    }
    const reason = command.reason.trim();
    if (reason.length === 0) throw new DomainError(ErrorCode.BadUserInput, 'Say why the evolution is rejected: reason cannot be empty.', { field: 'reason' });
    return [{ type: 'EvolutionRejected', data: { evolutionId, tenantId: command.tenantId, rejectedBy: command.by, reason, rejectedAt: command.at } }];
  },
};
