import { WrongExpectedRevisionError, type EventStore } from '../eventstore/port';
import { decorateAppend } from '../eventstore/decorate-append';
import { eventStoreAppendDuration, eventStoreAppendEvents } from './metrics';

/** The event store with each append timed and its batch size counted; everything else passes through. */
export function withAppendMetrics(store: EventStore): EventStore {
  return decorateAppend(store, async (streamId, events, expectedRevision) => {
    const ended = eventStoreAppendDuration.startTimer();
    try {
      const result = await store.append(streamId, events, expectedRevision);
      ended({ outcome: 'appended' });
      eventStoreAppendEvents.observe(events.length);
      return result;
    } catch (error) {
      ended({
        outcome: error instanceof WrongExpectedRevisionError ? 'conflict' : 'failed',
      });
      throw error;
    }
  });
}
