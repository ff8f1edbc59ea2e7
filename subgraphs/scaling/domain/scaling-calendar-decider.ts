import { DomainError, type Decider } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';
import type { CalendarExceptionDefinition, ScalingCalendarEvent } from '../../../schema/events';

export type ScalingCalendarState = { readonly exceptions: ReadonlyMap<string, CalendarExceptionDefinition> };

export type ScalingCalendarCommand =
  | { readonly type: 'AddCalendarException'; readonly exception: CalendarExceptionDefinition; readonly by: string; readonly at: string }
  | { readonly type: 'RemoveCalendarException'; readonly tenantId: string; readonly exceptionId: string; readonly by: string; readonly at: string };

/** A tenant's calendar of holidays and planned peaks: exceptions are added and removed, never edited in place. */
export const scalingCalendarDecider: Decider<ScalingCalendarState, ScalingCalendarCommand, ScalingCalendarEvent> = {
  initialState: () => ({ exceptions: new Map() }),

  evolve(state, event) {
    const exceptions = new Map(state.exceptions);
    if (event.type === 'CalendarExceptionAdded') {
      const { addedBy: _by, addedAt: _at, ...exception } = event.data;
      exceptions.set(exception.exceptionId, exception);
    } else exceptions.delete(event.data.exceptionId);
    return { exceptions };
  },

  decide(command, state) {
    if (command.type === 'AddCalendarException') {
      if (state.exceptions.has(command.exception.exceptionId)) throw new DomainError(ErrorCode.Conflict, `Calendar exception ${command.exception.exceptionId} already exists.`);
      return [{ type: 'CalendarExceptionAdded', data: { ...command.exception, addedBy: command.by, addedAt: command.at } }];
    }
    if (!state.exceptions.has(command.exceptionId)) throw new DomainError(ErrorCode.NotFound, `Calendar exception ${command.exceptionId} does not exist.`);
    return [{ type: 'CalendarExceptionRemoved', data: { exceptionId: command.exceptionId, tenantId: command.tenantId, removedBy: command.by, removedAt: command.at } }];
  },
};
