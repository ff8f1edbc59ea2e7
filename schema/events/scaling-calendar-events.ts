import type { DomainEvent } from '../../platform/commands/decider';

/** A tenant's calendar of demand exceptions, `scalingcalendar-<tenantId>`, which its forecasts respect. */
export const SCALING_CALENDAR_CATEGORY = 'scalingcalendar';
export const scalingCalendarStreamId = (tenantId: string): string => `${SCALING_CALENDAR_CATEGORY}-${tenantId}`;

export interface CalendarExceptionDefinition {
  readonly exceptionId: string;
  readonly tenantId: string;
  /** [start, end), ISO. */
  readonly start: string;
  readonly end: string;
  readonly kind: 'HOLIDAY' | 'PLANNED_PEAK';
  /** Multiplies the usual demand in those hours; null: learned from past exceptions of the kind. */
  readonly factor: number | null;
  readonly description: string;
}

export type CalendarExceptionAdded = DomainEvent<'CalendarExceptionAdded', CalendarExceptionDefinition & { readonly addedBy: string; readonly addedAt: string }>;
export type CalendarExceptionRemoved = DomainEvent<'CalendarExceptionRemoved', { readonly exceptionId: string; readonly tenantId: string; readonly removedBy: string; readonly removedAt: string }>;

export type ScalingCalendarEvent = CalendarExceptionAdded | CalendarExceptionRemoved;

export const SCALING_CALENDAR_EVENT_VERSIONS: Readonly<Record<ScalingCalendarEvent['type'], number>> = { CalendarExceptionAdded: 1, CalendarExceptionRemoved: 1 };
