import { registeredValue } from '../../test/support/metric-series';
import { WrongExpectedRevisionError, type EventStore, type NewEvent } from '../eventstore/port';
import { withAppendMetrics } from './instrumented-event-store';
import { registry } from './metrics';

const event = (id: string): NewEvent => ({ id, type: 'Happened', data: {}, metadata: { tenantId: 't', actor: 'a', correlationId: 'c', causationId: 'c', occurredAt: '2024-01-01T00:00:00Z', schemaVersion: 1 } });

/** A store whose append succeeds for `ok-*` streams and conflicts for any other. */
const store = {
  append: async (streamId: string) => {
    if (!streamId.startsWith('ok-')) throw new WrongExpectedRevisionError(streamId, 0, 3);
    return { nextExpectedRevision: 2, position: 7 };
  },
  headPosition: async () => 7,
} as unknown as EventStore;

describe('an event store with append metrics', () => {
  beforeEach(() => registry.resetMetrics());

  it('times each append by outcome and counts the events of each successful one', async () => {
    // given
    const measured = withAppendMetrics(store);

    // when a batch of three and one of one are appended, and one append conflicts
    expect(await measured.append('ok-1', [event('a'), event('b'), event('c')], 'no-stream')).toEqual({ nextExpectedRevision: 2, position: 7 });
    await measured.append('ok-2', [event('d')], 'any');
    await expect(measured.append('taken-1', [event('e')], 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);

    // then
    expect(await registeredValue('goliath_eventstore_append_duration_seconds_count', { outcome: 'appended' })).toBe(2);
    expect(await registeredValue('goliath_eventstore_append_duration_seconds_count', { outcome: 'conflict' })).toBe(1);
    expect(await registeredValue('goliath_eventstore_append_events_count')).toBe(2);
    expect(await registeredValue('goliath_eventstore_append_events_sum')).toBe(4);
    expect(await registeredValue('goliath_eventstore_append_events_bucket', { le: '1' })).toBe(1);
  });

  it('passes every other call through to the store', async () => {
    expect(await withAppendMetrics(store).headPosition()).toBe(7);
  });
});
