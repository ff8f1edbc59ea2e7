import { SCALING_CALENDAR_CATEGORY, type ScalingCalendarEvent } from '../schema/events';
import { SCALING_CALENDAR_COLLECTION, type CalendarExceptionDocument } from '../schema/read-models/scaling';
import type { Projection } from './projection';

/** Each tenant's calendar exceptions in force: what forecasts read. */
export const scalingCalendarProjection: Projection = {
  name: 'scaling-calendar',
  collections: [{ name: SCALING_CALENDAR_COLLECTION, indexes: ['tenantId', 'start'] }],
  filter: { categories: [SCALING_CALENDAR_CATEGORY], eventTypes: ['CalendarExceptionAdded', 'CalendarExceptionRemoved'] },
  handle(recorded, context) {
    const event = recorded as unknown as ScalingCalendarEvent;
    if (event.type === 'CalendarExceptionRemoved') {
      context.delete(SCALING_CALENDAR_COLLECTION, event.data.exceptionId);
      return;
    }
    const document: CalendarExceptionDocument = { id: event.data.exceptionId, ...event.data };
    context.upsert(SCALING_CALENDAR_COLLECTION, document);
  },
};
