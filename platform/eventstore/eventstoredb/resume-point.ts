import { FORWARDS, type AllStreamResolvedEvent } from '@eventstore/db-client';
import type { EsdbClient } from './esdb-client';
import { toPortPosition, toServerPosition } from './positions';

export interface ResumePoint {
  /** The position to subscribe from (the server delivers what comes after it). */
  readonly from: number;
  /** The record found where a scavenged one was: not after `from`, so the subscription hands it over itself. */
  readonly found?: AllStreamResolvedEvent;
}

/**
 * Where to subscribe to resume after `after`. The server resumes after the record at the
 * position it is given; when a scavenge removed that record (a `$maxAge`/`$maxCount` cap, a
 * deleted stream), it resumes after the next surviving record instead, which would be skipped.
 * A read of $all from a position starts with the record at it, or the next surviving one: if that
 * is not the record at `after`, the subscription starts from it and it is handed over first.
 */
export async function resumePoint(client: Pick<EsdbClient, 'readAll'>, after: number): Promise<ResumePoint> {
  for await (const resolved of client.readAll({ fromPosition: toServerPosition(after), direction: FORWARDS, maxCount: 1 })) {
    const position = toPortPosition(resolved.commitPosition ?? resolved.event?.position?.commit);
    return position === undefined || position <= after ? { from: after } : { from: position, found: resolved };
  }
  return { from: after };
}
