import type { PlatformConfig } from '../platform/config';
import { createEventStoreDbStore } from '../platform/eventstore/eventstoredb';
import type { EventStore } from '../platform/eventstore/port';
import { createSqliteEventStore } from '../platform/eventstore/sqlite';
import { withAppendMetrics } from '../platform/metrics/instrumented-event-store';
import { withAppendSpans } from '../platform/tracing/traced-event-store';
import { createMongoReadStore } from '../platform/readstore/mongodb';
import type { ReadStore } from '../platform/readstore/port';
import { createSqliteReadStore } from '../platform/readstore/sqlite';

/**
 * The stores this process works with: EventStoreDB and MongoDB when their URLs are set
 * (scale-out), otherwise the one embedded SQLite file under DATA_DIR.
 */
export function openEventStore(config: PlatformConfig): EventStore {
  const store = config.eventStoreUrl
    ? createEventStoreDbStore({ connectionString: config.eventStoreUrl })
    : createSqliteEventStore({ file: config.sqliteFile, synchronous: config.sqliteSynchronous });
  return withAppendSpans(withAppendMetrics(store));
}

export function openReadStore(config: PlatformConfig): ReadStore {
  return config.mongodbUrl
    ? createMongoReadStore({ url: config.mongodbUrl, database: config.mongodbDatabase })
    : createSqliteReadStore({ file: config.sqliteFile });
}
