import type { EventStore, RecordedEvent } from '../eventstore/port';
import { auditStreamId } from './audit-entry';
import { AuditChainVerifier, type AuditChainVerification } from './audit-chain-verifier';

export interface VerifyAuditChainOptions {
  /** Events read per page; a long chain is never held in memory at once. */
  readonly pageSize?: number;
  /** Called after each page with the number of entries verified so far (for a progress bar). */
  readonly onProgress?: (checkedEntries: number) => void;
}

const DEFAULT_PAGE_SIZE = 500;

/**
 * Walks the tenant's audit stream forwards and reports the first broken position (a stream
 * revision). An empty or missing stream is a valid chain of zero entries.
 */
export async function verifyAuditChain(
  eventStore: EventStore,
  tenantId: string,
  options: VerifyAuditChainOptions = {},
): Promise<AuditChainVerification> {
  const streamId = auditStreamId(tenantId);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const verifier = new AuditChainVerifier();
  let fromRevision = 0;
  while (!verifier.isBroken) {
    const page = await readPage(eventStore, streamId, fromRevision, pageSize);
    if (page.events.length === 0 && !page.unreadable) break;
    for (const event of page.events) {
      if (!verifier.check({ revision: event.revision, type: event.type, data: event.data })) break;
    }
    if (page.unreadable) verifier.markBroken(page.unreadable.revision, page.unreadable.reason);
    options.onProgress?.(verifier.result().checkedEntries);
    // A short page is the end of the stream; an unreadable event ends the walk.
    const last = page.events.at(-1);
    if (!last || page.unreadable || page.events.length < pageSize) break;
    fromRevision = last.revision + 1;
  }
  return verifier.result();
}

interface Page {
  readonly events: readonly RecordedEvent[];
  /** The first event that could not be read, after the readable `events` before it. */
  readonly unreadable?: { readonly revision: number; readonly reason: string };
}

/**
 * Reads one page. Bytes changed so that the stored JSON no longer parses make the whole page
 * unreadable; the page is then read one event at a time so the break names the damaged event
 * and the events before it are still checked.
 */
async function readPage(eventStore: EventStore, streamId: string, fromRevision: number, pageSize: number): Promise<Page> {
  const read = (from: number, maxCount: number) => eventStore.readStream(streamId, { direction: 'forwards', fromRevision: from, maxCount });
  try {
    return { events: await read(fromRevision, pageSize) };
  } catch {
    const events: RecordedEvent[] = [];
    for (let revision = fromRevision; events.length < pageSize; revision++) {
      try {
        const [event] = await read(revision, 1);
        if (!event) break;
        events.push(event);
        revision = event.revision;
      } catch (error) {
        return { events, unreadable: { revision, reason: `stored event cannot be read: ${(error as Error).message}` } };
      }
    }
    return { events };
  }
}
