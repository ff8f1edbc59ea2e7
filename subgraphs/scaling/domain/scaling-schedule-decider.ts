import { DomainError, type Decider } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';
import type { ScalingScheduleDefinition, ScalingScheduleEvent } from '../../../schema/events';

export type ScheduleStatus = 'PROPOSED' | 'APPROVED' | 'APPLIED';

export type ScalingScheduleState =
  | { readonly status: 'ABSENT' }
  | {
      readonly status: ScheduleStatus;
      readonly schedule: ScalingScheduleDefinition;
      readonly proposedBy: string;
      /** Actions run or given up on, by id. */
      readonly settled: ReadonlySet<string>;
    };

export type ScalingScheduleCommand =
  | { readonly type: 'ProposeScalingSchedule'; readonly schedule: ScalingScheduleDefinition; readonly by: string; readonly at: string }
  | { readonly type: 'ApproveScalingSchedule'; readonly scheduleId: string; readonly tenantId: string; readonly by: string; readonly at: string }
  | { readonly type: 'ApplyScalingSchedule'; readonly scheduleId: string; readonly tenantId: string; readonly by: string; readonly at: string }
  | { readonly type: 'RecordScalingActionApplied'; readonly scheduleId: string; readonly actionId: string; readonly at: string }
  | { readonly type: 'RecordScalingActionFailed'; readonly scheduleId: string; readonly actionId: string; readonly reason: string; readonly superseded: boolean; readonly at: string };

export function scheduleIdOf(command: ScalingScheduleCommand): string {
  return command.type === 'ProposeScalingSchedule' ? command.schedule.scheduleId : command.scheduleId;
}

/**
 * The seed's ScalingSchedule: proposed by optimizeScalingSchedule (approved at once when the
 * policy has autoApproval), approved by someone other than its author when it needs approval,
 * applied (handed to the scheduler), then each action settled once: applied or failed. Settling an
 * action twice records nothing, so a scheduler that restarts or races a replica repeats nothing.
 */
export const scalingScheduleDecider: Decider<ScalingScheduleState, ScalingScheduleCommand, ScalingScheduleEvent> = {
  initialState: () => ({ status: 'ABSENT' }),

  evolve(state, event) {
    switch (event.type) {
      case 'ScalingScheduleProposed': {
        const { proposedBy, proposedAt: _at, ...schedule } = event.data;
        return { status: 'PROPOSED', schedule, proposedBy, settled: new Set() };
      }
      case 'ScalingScheduleApproved':
        return state.status === 'ABSENT' ? state : { ...state, status: 'APPROVED' };
      case 'ScalingScheduleApplied':
        return state.status === 'ABSENT' ? state : { ...state, status: 'APPLIED' };
      case 'ScalingActionApplied':
      case 'ScalingActionFailed':
        return state.status === 'ABSENT' ? state : { ...state, settled: new Set([...state.settled, event.data.actionId]) };
    }
  },

  decide(command, state) {
    const scheduleId = scheduleIdOf(command);
    if (command.type === 'ProposeScalingSchedule') {
      if (state.status !== 'ABSENT') throw new DomainError(ErrorCode.Conflict, `Scaling schedule ${scheduleId} already exists.`);
      const proposed: ScalingScheduleEvent = { type: 'ScalingScheduleProposed', data: { ...command.schedule, proposedBy: command.by, proposedAt: command.at } };
      if (command.schedule.requiresApproval) return [proposed];
      return [proposed, { type: 'ScalingScheduleApproved', data: { scheduleId, tenantId: command.schedule.tenantId, approvedBy: command.by, automatically: true, approvedAt: command.at } }];
    }
    if (state.status === 'ABSENT' || (('tenantId' in command) && state.schedule.tenantId !== command.tenantId)) throw new DomainError(ErrorCode.NotFound, `Scaling schedule ${scheduleId} does not exist.`);
    const { tenantId } = state.schedule;
    switch (command.type) {
      case 'ApproveScalingSchedule':
        if (state.status !== 'PROPOSED') throw new DomainError(ErrorCode.Conflict, `Scaling schedule ${scheduleId} is ${state.status}, not waiting for approval.`);
        if (command.by === state.proposedBy) {
          throw new DomainError(ErrorCode.Forbidden, `Scaling schedule ${scheduleId} was proposed by ${command.by}: another tenant admin must approve it.`, { reason: 'APPROVER_IS_PROPOSER' });
        }
        return [{ type: 'ScalingScheduleApproved', data: { scheduleId, tenantId, approvedBy: command.by, automatically: false, approvedAt: command.at } }];
      case 'ApplyScalingSchedule':
        if (state.status === 'APPLIED') return [];
        if (state.status !== 'APPROVED') throw new DomainError(ErrorCode.Conflict, `Scaling schedule ${scheduleId} is waiting for approval: approveScalingSchedule first (by someone other than ${state.proposedBy}).`);
        return [{ type: 'ScalingScheduleApplied', data: { scheduleId, tenantId, appliedBy: command.by, appliedAt: command.at } }];
      case 'RecordScalingActionApplied':
      case 'RecordScalingActionFailed': {
        const action = state.schedule.actions.find((planned) => planned.actionId === command.actionId);
        if (!action) throw new DomainError(ErrorCode.NotFound, `Scaling schedule ${scheduleId} has no action ${command.actionId}.`);
        if (state.status !== 'APPLIED' || state.settled.has(command.actionId)) return [];
        if (command.type === 'RecordScalingActionFailed') {
          return [{ type: 'ScalingActionFailed', data: { scheduleId, tenantId, actionId: command.actionId, reason: command.reason, superseded: command.superseded, failedAt: command.at } }];
        }
        return [{ type: 'ScalingActionApplied', data: { scheduleId, tenantId, actionId: command.actionId, resourceType: action.resourceType, targetCapacity: action.targetCapacity, appliedAt: command.at } }];
      }
    }
  },
};
