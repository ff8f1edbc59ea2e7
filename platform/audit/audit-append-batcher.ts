import type { EventStore } from '../eventstore/port';
import { appendAuditEntries, type AppendedAuditEntry, type PendingAuditEntry } from './append-audit-entry';
import { assertValidAuditEntry, type AuditEntry } from './audit-entry';

interface Waiting {
  readonly pending: PendingAuditEntry;
  resolve(appended: AppendedAuditEntry | undefined): void;
  reject(error: unknown): void;
}

const DEFAULT_MAX_BATCH = 500;

/**
 * Appends audit entries tenant by tenant, one append in flight per tenant: entries that arrive
 * while it is in flight wait and go together in the next one (group commit). Without this, N
 * concurrent mutations of one tenant race for the chain's tail and N-1 of them lose every round,
 * so a burst larger than the retry budget would fail; with it, contention is left only between
 * processes, which the optimistic retry of appendAuditEntries handles.
 */
export class AuditAppendBatcher {
  private readonly queues = new Map<string, Waiting[]>();

  constructor(
    private readonly eventStore: EventStore,
    private readonly maxBatch = DEFAULT_MAX_BATCH,
  ) {}

  /** Resolves once the entry is stored in its tenant's chain. */
  async append(entry: AuditEntry, causationId?: string): Promise<AppendedAuditEntry> {
    return (await this.enqueue({ entry, causationId }))!;
  }

  /** Chains a change's audit record (stored at `recordPosition`) unless the chain already holds it. */
  async chain(entry: AuditEntry, recordPosition: number, causationId: string): Promise<void> {
    await this.enqueue({ entry, causationId, chainedFrom: recordPosition });
  }

  private enqueue(pending: PendingAuditEntry): Promise<AppendedAuditEntry | undefined> {
    const { entry } = pending;
    try {
      // Checked here so that a bad entry is refused alone instead of failing the batch it would join.
      assertValidAuditEntry(entry);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendedAuditEntry | undefined>((resolve, reject) => {
      const queue = this.queues.get(entry.tenantId);
      const waiting: Waiting = { pending, resolve, reject };
      if (queue) {
        queue.push(waiting);
        return;
      }
      this.queues.set(entry.tenantId, [waiting]);
      void this.drain(entry.tenantId);
    });
  }

  private async drain(tenantId: string): Promise<void> {
    const queue = this.queues.get(tenantId)!;
    while (queue.length > 0) {
      const batch = queue.splice(0, this.maxBatch);
      try {
        const appended = await appendAuditEntries(this.eventStore, batch.map((waiting) => waiting.pending));
        batch.forEach((waiting, index) => waiting.resolve(appended[index]));
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.queues.delete(tenantId);
  }
}

const batchers = new WeakMap<EventStore, AuditAppendBatcher>();

/**
 * The one batcher of an event store in this process: every writer of audit entries (the mutation
 * middleware of each subgraph, sign-ins, recordAuditEntry) queues behind it, so they batch together
 * instead of racing one another for a chain's tail.
 */
export function auditBatcherFor(eventStore: EventStore): AuditAppendBatcher {
  let batcher = batchers.get(eventStore);
  if (!batcher) {
    batcher = new AuditAppendBatcher(eventStore);
    batchers.set(eventStore, batcher);
  }
  return batcher;
}
