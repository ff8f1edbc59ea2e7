import { scalingCalendarStreamId, type CalendarExceptionDefinition, type ScalingCalendarEvent } from '../schema/events';
import { SCALING_CALENDAR_COLLECTION } from '../schema/read-models/scaling';
import { describeProjection, stream } from '../test/support/projection-spec';
import { scalingCalendarProjection } from './scaling-calendar';

const holiday: CalendarExceptionDefinition = { exceptionId: 'x1', tenantId: 'acme', start: '2026-12-24T00:00:00.000Z', end: '2026-12-27T00:00:00.000Z', kind: 'HOLIDAY', factor: 0.4, description: 'Christmas' };
const launch: CalendarExceptionDefinition = { ...holiday, exceptionId: 'x2', kind: 'PLANNED_PEAK', factor: null, description: 'launch' };
const added = (exception: CalendarExceptionDefinition): ScalingCalendarEvent => ({ type: 'CalendarExceptionAdded', data: { ...exception, addedBy: 'ada', addedAt: '2026-12-01T00:00:00.000Z' } });

describeProjection(scalingCalendarProjection, (spec) => {
  const calendar = stream<ScalingCalendarEvent>(scalingCalendarStreamId('acme'), 'acme');

  it('keeps the exceptions in force, and drops a removed one', () =>
    spec
      .given(calendar(added(holiday)), calendar(added(launch)))
      .when(calendar({ type: 'CalendarExceptionRemoved', data: { exceptionId: 'x2', tenantId: 'acme', removedBy: 'ada', removedAt: '2026-12-02T00:00:00.000Z' } }))
      .then({ [SCALING_CALENDAR_COLLECTION]: [{ id: 'x1', ...holiday, addedBy: 'ada', addedAt: '2026-12-01T00:00:00.000Z' }] }));
});
