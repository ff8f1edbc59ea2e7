import type Database from 'better-sqlite3';
import type { AppendResult } from '../port';
import type { AppendRequest } from '../append-request';
import { StreamAppender } from './stream-appender';

interface PendingAppend {
  readonly request: AppendRequest;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly result: AppendResult } | { readonly ok: false; readonly error: unknown };

/**
 * Group commit: appends submitted in the same turn of the event loop are written in one
 * transaction, so one fsync (synchronous=FULL) acknowledges all of them. Each append runs in its
 * own savepoint, so a conflict rolls back that append only. Promises settle after COMMIT, never
 * before. The transaction is synchronous from BEGIN to COMMIT: it is never held across an await,
 * so another connection waiting for the write lock can never wait on this event loop.
 */
export class GroupCommitWriter {
  private pending: PendingAppend[] = [];
  private flushScheduled = false;
  private readonly appender: StreamAppender;
  private readonly commitGroup: Database.Transaction<(requests: readonly AppendRequest[]) => Outcome[]>;
  private readonly appendInSavepoint: Database.Transaction<(request: AppendRequest, recordedAt: string) => AppendResult>;

  constructor(
    db: Database.Database,
    /** Told the new head position after each commit that stored something. */
    private readonly onCommitted: (headPosition: number) => void,
  ) {
    this.appender = new StreamAppender(db);
    // A transaction function called inside another one runs as a SAVEPOINT in better-sqlite3.
    this.appendInSavepoint = db.transaction((request: AppendRequest, recordedAt: string) =>
      this.appender.append(request, recordedAt),
    );
    this.commitGroup = db.transaction((requests: readonly AppendRequest[]) => {
      const recordedAt = new Date().toISOString();
      return requests.map((request) => this.appendIsolated(request, recordedAt));
    });
  }

  submit(request: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // setImmediate, not a microtask: it lets every append issued in this turn join the group.
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued so far. Synchronous; also called on close so nothing queued is dropped. */
  flush(): void {
    this.flushScheduled = false;
    const group = this.pending;
    this.pending = [];
    if (group.length === 0) return;
    let outcomes: Outcome[];
    try {
      // IMMEDIATE takes the write lock up front, so max(position) read inside cannot go stale.
      outcomes = this.commitGroup.immediate(group.map((pending) => pending.request));
    } catch (error) {
      for (const pending of group) pending.reject(error);
      return;
    }
    let head = 0;
    outcomes.forEach((outcome, index) => {
      const pending = group[index]!;
      if (outcome.ok) {
        head = Math.max(head, outcome.result.position);
        pending.resolve(outcome.result);
      } else {
        pending.reject(outcome.error);
      }
    });
    if (head > 0) this.onCommitted(head);
  }

  private appendIsolated(request: AppendRequest, recordedAt: string): Outcome {
    try {
      return { ok: true, result: this.appendInSavepoint(request, recordedAt) };
    } catch (error) {
      return { ok: false, error };
    }
  }
}
