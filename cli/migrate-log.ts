import type { EventStore, NewEvent, RecordedEvent } from '../platform/eventstore/port';

export interface CopiedLog {
  readonly events: number;
  readonly streams: readonly string[];
}

/**
 * Copies every event of `source`, in log order, into the empty `target`: each run of events of one
 * stream is one append at the revision the source gives, with the same ids, types, data and
 * metadata, so positions come out as in the source (checked: audit records refer to positions).
 * Stream metadata follows once its stream's events are in.
 */
export async function copyLog(source: EventStore, target: EventStore, onProgress: (copied: number) => void): Promise<CopiedLog> {
  if ((await target.headPosition()) > 0) throw new Error('the target already holds events; migrate into an empty store (a new database or POSTGRES_SCHEMA)');
  const streams = new Set<string>();
  let run: RecordedEvent[] = [];
  let copied = 0;
  const flush = async () => {
    if (run.length === 0) return;
    const [first] = run;
    const last = run[run.length - 1];
    const result = await target.append(first.streamId, run.map(asNewEvent), first.revision === 0 ? 'no-stream' : first.revision - 1);
    if (result.position !== last.position) {
      throw new Error(`position ${last.position} of the source came out as ${result.position} in the target: the source's log has gaps the target cannot keep`);
    }
    copied += run.length;
    onProgress(copied);
    run = [];
  };
  for await (const event of source.readAll()) {
    if (run.length > 0 && (run[0].streamId !== event.streamId || run.length >= 500)) await flush();
    run.push(event);
    streams.add(event.streamId);
  }
  await flush();
  for (const streamId of streams) {
    const metadata = await source.getStreamMetadata(streamId);
    if (metadata) await target.setStreamMetadata(streamId, metadata);
  }
  return { events: copied, streams: [...streams] };
}

function asNewEvent(event: RecordedEvent): NewEvent {
  return { id: event.id, type: event.type, data: event.data, metadata: event.metadata };
}
