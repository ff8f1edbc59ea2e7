import { DomainError } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';

/** A day: the shortest history with one whole daily cycle, which the simplest model (yesterday's hour) needs. */
export const MIN_HISTORY_HOURS = 24;

export function insufficientHistory(historyHours: number): DomainError {
  const more = MIN_HISTORY_HOURS - historyHours;
  return new DomainError(
    ErrorCode.InsufficientHistory,
    `Demand forecasting needs at least ${MIN_HISTORY_HOURS} hours of recorded usage before the forecast starts; this series has ${historyHours}. Record ${more} more hour(s) of usage, then ask again (weekly cycles are used from 336 hours on).`,
    { neededHours: MIN_HISTORY_HOURS, historyHours, moreHoursNeeded: more },
  );
}
