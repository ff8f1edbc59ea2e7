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
    const page = await readPage(eventStore, streamId, fromRevision, pageSize, verifier);
    if (page.length === 0) break;
    for (const event of page) {
      if (!verifier.check({ revision: event.revision, type: event.type, data: event.data })) break;
    }
    options.onProgress?.(verifier.result().checkedEntries);
    fromRevision = page[page.length - 1]!.revision + 1;
  }
  return verifier.result();
}

/**
 * Reads one page. Bytes changed so far that the stored JSON no longer parses make the whole page
 * unreadable; the page is then read one event at a time so the break names the damaged event.
 */
async function readPage(
  eventStore: EventStore,
  streamId: string,
  fromRevision: number,
  pageSize: number,
  verifier: AuditChainVerifier,
): Promise<RecordedEvent[]> {
  try {
    return await eventStore.readStream(streamId, { direction: 'forwards', fromRevision, maxCount: pageSize });
  } catch {
    const readable: RecordedEvent[] = [];
    for (let revision = fromRevision; revision < fromRevision + pageSize; revision++) {
      try {
        const [event] = await eventStore.readStream(streamId, { direction: 'forwards', fromRevision: revision, maxCount: 1 });
        if (!event) break;
        readable.push(event);
        revision = event.revision;
      } catch (error) {
        verifier.markBroken(revision, `stored event cannot be read: ${(error as Error).message}`);
        break;
      }
    }
    return readable;
  }
}
