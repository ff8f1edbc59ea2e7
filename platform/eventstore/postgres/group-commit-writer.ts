import type { PoolClient } from 'pg';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AppendRequest } from '../append-request';
import type { AppendResult } from '../port';
import { AppendPlan, type AppendOutcome, type StoredEventRef, type StreamTail } from './append-plan';
import type { PostgresConnections } from './postgres-connections';
import type { EventStoreSchema } from './schema';

interface PendingAppend {
  readonly request: AppendRequest;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (error: unknown) => void;
}

/** A group stops growing past this many events, so one transaction never holds the append lock for long. */
const MAX_GROUP_EVENTS = 5000;

/**
 * Group commit on PostgreSQL, and the reason positions have no gaps a reader could see.
 *
 * Every append transaction first takes one transaction-scoped advisory lock (the schema's
 * `appendLock`), then numbers its events from max(position) + 1 read under the lock, and keeps
 * the lock until it has committed. Positions are therefore handed out in commit order: when a
 * reader sees position p, every position below p is already committed and visible to it. This
 * is what a sequence (or a serial column) does not give: with one, transaction A takes 10, B
 * takes 11 and commits first, and a reader that reads 11 and moves its checkpoint past 10 never
 * sees A's event. The cost is that appends to the whole log are serialised, commit included, so
 * appends waiting in this process are written as one group: one transaction, one lock, one
 * commit (one WAL flush) for all of them, decided in memory (AppendPlan) from one read of the
 * streams' tails, written with one INSERT. A conflict refuses that append only.
 *
 * Promises settle after COMMIT, never before. A failed transaction (lost connection included)
 * rejects every append of its group; when the COMMIT's fate is unknown, retrying with the same
 * event ids is safe: a stored append is recognised and answered with its original result.
 */
export class GroupCommitWriter {
  private pending: PendingAppend[] = [];
  private draining: Promise<void> | undefined;

  constructor(
    private readonly connections: PostgresConnections,
    private readonly schema: EventStoreSchema,
    /** Resolves once the schema exists. */
    private readonly ready: () => Promise<void>,
    /** Told the new head position after each commit that stored something. */
    private readonly onCommitted: (headPosition: number) => void,
  ) {}

  submit(request: AppendRequest): Promise<AppendResult> {
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ request, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  /** Resolves once every append submitted so far is committed or refused. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    try {
      // A turn of the event loop first, so every append issued in this turn joins the first group;
      // later ones gather while a group commits.
      await nextTurn();
      while (this.pending.length > 0) await this.commit(this.takeGroup());
    } finally {
      this.draining = undefined;
    }
  }

  private takeGroup(): PendingAppend[] {
    let events = 0;
    let size = 0;
    while (size < this.pending.length && (size === 0 || events + this.pending[size]!.request.events.length <= MAX_GROUP_EVENTS)) {
      events += this.pending[size]!.request.events.length;
      size++;
    }
    return this.pending.splice(0, size);
  }

  private async commit(group: readonly PendingAppend[]): Promise<void> {
    let committed: { outcomes: AppendOutcome[]; headPosition: number | undefined };
    try {
      await this.ready();
      committed = await this.connections.withClient((client) => this.commitGroup(client, group.map((pending) => pending.request)));
    } catch (error) {
      for (const pending of group) pending.reject(error);
      return;
    }
    committed.outcomes.forEach((outcome, index) => {
      if (outcome.ok) group[index]!.resolve(outcome.result);
      else group[index]!.reject(outcome.error);
    });
    if (committed.headPosition !== undefined) this.onCommitted(committed.headPosition);
  }

  /** One transaction: lock, read the tails, decide, insert, notify, commit. `headPosition` is undefined when nothing was written. */
  private async commitGroup(client: PoolClient, requests: readonly AppendRequest[]): Promise<{ outcomes: AppendOutcome[]; headPosition: number | undefined }> {
    const [lockClass, lockKey] = this.schema.appendLock;
    // READ COMMITTED whatever the server's default: each statement must see what committed before the lock was granted.
    await client.query(`BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(${lockClass}, ${lockKey})`);
    try {
      const plan = await this.readPlan(client, requests);
      const outcomes: AppendOutcome[] = [];
      for (const request of requests) {
        const decision = plan.decide(request);
        outcomes.push(
          decision.kind === 'settled'
            ? decision.outcome
            : plan.settleLookBack(request, decision, await this.storedFrom(client, request.streamId, decision.fromRevision, request.events.length)),
        );
      }
      if (plan.inserts.length === 0) {
        await client.query('ROLLBACK');
        return { outcomes, headPosition: undefined };
      }
      await this.insert(client, plan);
      // Delivered to listeners at COMMIT, and only if it commits.
      await client.query(`SELECT pg_notify('${this.schema.channel}', '${plan.headPosition}'); COMMIT`);
      return { outcomes, headPosition: plan.headPosition };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async readPlan(client: PoolClient, requests: readonly AppendRequest[]): Promise<AppendPlan> {
    const depths = AppendPlan.tailDepths(requests);
    const { rows } = await client.query<TailRow>(
      `SELECT (SELECT COALESCE(MAX(position), 0) FROM ${this.schema.events}) AS head, s.stream_id, e.event_id, e.revision, e.position
       FROM unnest($1::text[], $2::int[]) AS s (stream_id, depth)
       LEFT JOIN LATERAL (
         SELECT event_id, revision, position FROM ${this.schema.events}
         WHERE stream_id = s.stream_id ORDER BY revision DESC LIMIT s.depth
       ) e ON true`,
      [[...depths.keys()], [...depths.values()]],
    );
    const tails = new Map<string, StoredEventRef[]>([...depths.keys()].map((streamId) => [streamId, []]));
    for (const row of rows) {
      if (row.event_id !== null) tails.get(row.stream_id)!.push(toStoredEventRef(row));
    }
    const tailList: StreamTail[] = [...tails].map(([streamId, events]) => ({ streamId, events }));
    return new AppendPlan(Number(rows[0]!.head), tailList);
  }

  private async storedFrom(client: PoolClient, streamId: string, fromRevision: number, count: number): Promise<StoredEventRef[]> {
    const { rows } = await client.query<StoredRow>(
      `SELECT event_id, revision, position FROM ${this.schema.events} WHERE stream_id = $1 AND revision >= $2 ORDER BY revision LIMIT $3`,
      [streamId, fromRevision, count],
    );
    return rows.map(toStoredEventRef);
  }

  private async insert(client: PoolClient, plan: AppendPlan): Promise<void> {
    const column = <K extends keyof AppendPlan['inserts'][number]>(key: K) => plan.inserts.map((event) => event[key]);
    await client.query(
      `INSERT INTO ${this.schema.events} (position, event_id, stream_id, revision, category, type, tenant_id, data, metadata, recorded_at)
       SELECT position, event_id, stream_id, revision, category, type, tenant_id, data::json, metadata::json, statement_timestamp()
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         AS e (position, event_id, stream_id, revision, category, type, tenant_id, data, metadata)`,
      [
        column('position'),
        column('eventId'),
        column('streamId'),
        column('revision'),
        column('category'),
        column('type'),
        column('tenantId'),
        column('data'),
        column('metadata'),
      ],
    );
  }
}

interface StoredRow {
  readonly event_id: string;
  readonly revision: string;
  readonly position: string;
}

interface TailRow {
  readonly head: string;
  readonly stream_id: string;
  readonly event_id: string | null;
  readonly revision: string | null;
  readonly position: string | null;
}

function toStoredEventRef(row: StoredRow | TailRow): StoredEventRef {
  return { eventId: row.event_id!, revision: Number(row.revision), position: Number(row.position) };
}
