import type { PlatformConfig } from '../platform/config';
import { memoryCounters, type Counters } from '../platform/coordination/counters';
import { localLocks, type Locks } from '../platform/coordination/locks';
import { openPostgresCounters } from '../platform/coordination/postgres-counters';
import { postgresLocks } from '../platform/coordination/postgres-locks';

/**
 * What the replicas of a process share lives in the PostgreSQL database when either store is there
 * (replicas share it); otherwise in this process: the embedded SQLite file has one process by construction.
 */
function sharedDatabase(config: PlatformConfig): { readonly connectionString: string; readonly schema?: string; readonly poolSize: number } | undefined {
  const database = config.readStore.kind === 'postgres' ? config.readStore : config.eventStore.kind === 'postgres' ? config.eventStore : undefined;
  return database && { connectionString: database.url, schema: database.schema, poolSize: database.poolSize };
}

/** Locks for work that runs in one replica at a time (the projection runner, subgraphs' background work). */
export function openLocks(config: PlatformConfig): Locks {
  const database = sharedDatabase(config);
  return database ? postgresLocks(database) : localLocks();
}

export interface SharedCounters {
  readonly counters: Counters;
  close(): Promise<void>;
}

/** Counters every replica spends from (the gateway's rate limits, sign-in lockouts). */
export async function openCounters(config: PlatformConfig): Promise<SharedCounters> {
  const database = sharedDatabase(config);
  return database ? openPostgresCounters(database) : { counters: memoryCounters, close: async () => undefined };
}
