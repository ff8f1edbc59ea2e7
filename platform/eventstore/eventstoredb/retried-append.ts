import { EventIdConflictError } from '../event-id-conflict-error';
import type { AppendResult, NewEvent, RecordedEvent } from '../port';

/**
 * The original result when the append's events are the stream's last ones, in order: a retry of
 * an append already stored. `tail` is the stream's last events, oldest first, at least as many as
 * the append has when the stream has them. Undefined when the first event is not where it would
 * be; EventIdConflictError when it is but the others differ (one id given to two events).
 */
export function retriedAppendInTail(streamId: string, events: readonly NewEvent[], tail: readonly RecordedEvent[]): AppendResult | undefined {
  const first = tail.length - events.length;
  if (first < 0 || tail[first]!.id !== events[0]!.id) return undefined;
  if (events.some((event, index) => tail[first + index]!.id !== event.id)) throw new EventIdConflictError(events[0]!.id, streamId, tail[first]!.revision);
  const last = tail[tail.length - 1]!;
  return { nextExpectedRevision: last.revision, position: last.position };
}
