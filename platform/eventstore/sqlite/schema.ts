import type Database from 'better-sqlite3';

/**
 * The log shares its file with the read models, so every table is prefixed `es_`.
 *
 * `position` is the rowid but never left to SQLite to choose: the writer assigns max+1 inside
 * its write transaction, which keeps the global log contiguous (1, 2, 3 …) across rollbacks,
 * crashes and writers in other processes. The stream's current revision is read from the
 * (stream_id, revision) index rather than kept in a second table that could drift from it.
 *
 * There is no index on event ids: retries are recognised by revision (see StreamAppender),
 * because an index on random (v4) ids puts every event on a random page and so writes about
 * one extra 4 KiB WAL page per event.
 *
 * Subscribers that follow one tenant (`EventFilter.tenantId`) read through an index on the
 * metadata's tenant, so a tenant's feed never parses other tenants' events. It is an expression
 * index, which `CREATE INDEX IF NOT EXISTS` adds to a file made before it (migrated on open);
 * queries must use exactly `TENANT_EXPRESSION` for SQLite to use it.
 */
/** The tenant of an event row, as indexed by `es_events_by_tenant`. */
export const TENANT_EXPRESSION = "json_extract(metadata, '$.tenantId')";

export function ensureEventStoreSchema(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS es_events (
      position    INTEGER PRIMARY KEY,
      event_id    TEXT    NOT NULL,
      stream_id   TEXT    NOT NULL,
      revision    INTEGER NOT NULL,
      category    TEXT    NOT NULL,
      type        TEXT    NOT NULL,
      data        TEXT    NOT NULL,
      metadata    TEXT    NOT NULL,
      recorded_at TEXT    NOT NULL,
      UNIQUE (stream_id, revision)
    );
    CREATE INDEX IF NOT EXISTS es_events_by_category ON es_events (category, position);
    CREATE INDEX IF NOT EXISTS es_events_by_type ON es_events (type, position);
    CREATE INDEX IF NOT EXISTS es_events_by_tenant ON es_events (${TENANT_EXPRESSION}, position);
    CREATE TABLE IF NOT EXISTS es_stream_metadata (
      stream_id TEXT PRIMARY KEY,
      metadata  TEXT NOT NULL
    ) WITHOUT ROWID;
  `);
}
