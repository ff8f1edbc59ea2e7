import type { PlatformConfig } from '../platform/config';
import { createEventStoreDbStore } from '../platform/eventstore/eventstoredb';
import type { EventStore } from '../platform/eventstore/port';
import { createPostgresEventStore } from '../platform/eventstore/postgres';
import { createSqliteEventStore } from '../platform/eventstore/sqlite';
import { withAppendMetrics } from '../platform/metrics/instrumented-event-store';
import { withAppendSpans } from '../platform/tracing/traced-event-store';
import { createMongoReadStore } from '../platform/readstore/mongodb';
import type { ReadStore } from '../platform/readstore/port';
import { createPostgresReadStore } from '../platform/readstore/postgres';
import { createSqliteReadStore } from '../platform/readstore/sqlite';

/**
 * The stores this process works with (EVENT_STORE / READ_STORE or the URLs): EventStoreDB,
 * MongoDB or PostgreSQL for scale-out, otherwise the one embedded SQLite file under DATA_DIR.
 */
export function openEventStore(config: PlatformConfig): EventStore {
  return withAppendSpans(withAppendMetrics(openEventStoreOf(config)));
}

function openEventStoreOf(config: PlatformConfig): EventStore {
  const settings = config.eventStore;
  switch (settings.kind) {
    case 'sqlite':
      return createSqliteEventStore({ file: config.sqliteFile, synchronous: config.sqliteSynchronous });
    case 'eventstoredb':
      return createEventStoreDbStore({ connectionString: settings.url });
    case 'postgres':
      return createPostgresEventStore({ connectionString: settings.url, schema: settings.schema, pool: { max: settings.poolSize } });
  }
}

export function openReadStore(config: PlatformConfig): ReadStore {
  const settings = config.readStore;
  switch (settings.kind) {
    case 'sqlite':
      return createSqliteReadStore({ file: config.sqliteFile });
    case 'mongodb':
      return createMongoReadStore({ url: settings.url, database: settings.database });
    case 'postgres':
      return createPostgresReadStore({ connectionString: settings.url, schema: settings.schema, poolSize: settings.poolSize });
  }
}

/** Whether any of the stores is the embedded SQLite file (which the adapters create when it is missing). */
export function usesSqliteFile(config: PlatformConfig): boolean {
  return config.eventStore.kind === 'sqlite' || config.readStore.kind === 'sqlite';
}
