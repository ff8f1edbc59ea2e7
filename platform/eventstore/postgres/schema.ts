import { createHash } from 'node:crypto';
import { escapeIdentifier } from 'pg';
import type { PostgresConnections } from './postgres-connections';

/** Where the log lives unless told otherwise: the database's own default schema. */
export const DEFAULT_SCHEMA = 'public';

/** `pg_advisory_xact_lock(class, key)` class of the append lock: 'goli' in ASCII, so other locks of the platform can stay clear of it. */
const APPEND_LOCK_CLASS = 0x676f6c69;

/** The names one log answers to in its PostgreSQL schema. */
export interface EventStoreSchema {
  readonly name: string;
  /** Schema-qualified, quoted: ready to put in SQL. */
  readonly events: string;
  readonly streamMetadata: string;
  /** Taken by every append transaction (and the schema's creation), so logs in other schemas never wait on it. */
  readonly appendLock: readonly [number, number];
  /** NOTIFY channel of the log's appends (identifiers stop at 63 bytes, so the schema is hashed into it). */
  readonly channel: string;
}

export function eventStoreSchema(name: string): EventStoreSchema {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError('The PostgreSQL schema name must be a non-empty string');
  const digest = createHash('sha256').update(name).digest();
  const schema = escapeIdentifier(name);
  return {
    name,
    events: `${schema}.es_events`,
    streamMetadata: `${schema}.es_stream_metadata`,
    appendLock: [APPEND_LOCK_CLASS, digest.readInt32BE(0)],
    channel: `goliath_es_${digest.toString('hex', 4, 12)}`,
  };
}

/** The tables and indexes below, by name: the schema is complete when all of them exist. */
const SCHEMA_OBJECTS = ['es_events', 'es_events_by_category', 'es_events_by_type', 'es_events_by_tenant', 'es_stream_metadata'];

/**
 * Tables are prefixed `es_` as on SQLite, so the log can share a schema with the read models.
 *
 * `position` is assigned by the appender (max + 1 under the append lock), never by a sequence:
 * a sequence hands out numbers in the order transactions start, not the order they commit, and
 * readers would see gaps that later fill in (see group-commit-writer.ts).
 *
 * `data` and `metadata` are `json`, not `jsonb`: the log keeps each event exactly as written
 * (key order, and strings jsonb refuses such as `\u0000`), and no query looks inside them. The
 * tenant is copied into its own column so tenant filters run on an index.
 *
 * No index on event ids, as on SQLite: retries are recognised by revision (append-plan.ts).
 */
export async function ensureEventStoreSchema(connections: PostgresConnections, schema: EventStoreSchema): Promise<void> {
  // Looked up first: CREATE INDEX IF NOT EXISTS locks the table even when the index exists, and
  // every process that starts would otherwise wait for the appends in flight and hold up the next ones.
  const [present] = await connections.query<{ complete: boolean }>(
    `SELECT count(*) = ${SCHEMA_OBJECTS.length} AS complete FROM pg_class JOIN pg_namespace ON pg_namespace.oid = relnamespace
     WHERE nspname = $1 AND relname = ANY($2::text[])`,
    [schema.name, SCHEMA_OBJECTS],
  );
  if (present!.complete) return;
  await connections.withClient(async (client) => {
    await client.query('BEGIN');
    try {
      // Processes starting together would otherwise race on the catalog ("duplicate key … pg_type").
      await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...schema.appendLock]);
      const { rowCount } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema.name]);
      // Checked first: CREATE SCHEMA IF NOT EXISTS needs the right to create schemas even when it exists.
      if (rowCount === 0) await client.query(`CREATE SCHEMA ${escapeIdentifier(schema.name)}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${schema.events} (
          position    bigint      PRIMARY KEY,
          event_id    text        NOT NULL,
          stream_id   text        NOT NULL,
          revision    bigint      NOT NULL,
          category    text        NOT NULL,
          type        text        NOT NULL,
          tenant_id   text,
          data        json        NOT NULL,
          metadata    json        NOT NULL,
          recorded_at timestamptz NOT NULL,
          UNIQUE (stream_id, revision)
        );
        CREATE INDEX IF NOT EXISTS es_events_by_category ON ${schema.events} (category, position);
        CREATE INDEX IF NOT EXISTS es_events_by_type ON ${schema.events} (type, position);
        CREATE INDEX IF NOT EXISTS es_events_by_tenant ON ${schema.events} (tenant_id, position);
        CREATE TABLE IF NOT EXISTS ${schema.streamMetadata} (
          stream_id text  PRIMARY KEY,
          metadata  jsonb NOT NULL
        );
      `);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}
