import { existsSync } from 'node:fs';
import { openEventStore, openReadStore, usesSqliteFile } from '../app/stores';
import type { PlatformConfig } from '../platform/config';
import type { EventStore } from '../platform/eventstore/port';
import type { ReadStore } from '../platform/readstore/port';
import { UsageError } from './usage-error';

export interface ConfiguredStores {
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
}

/** The platform's stores, as it is configured; the SQLite adapters create a missing file, so one is refused here instead. */
export function openConfiguredStores(config: PlatformConfig): ConfiguredStores {
  if (usesSqliteFile(config) && !existsSync(config.sqliteFile)) {
    throw new UsageError(`no store at ${config.sqliteFile}: set DATA_DIR or SQLITE_FILE (or the stores' URLs: POSTGRES_URL, or EVENTSTORE_URL and MONGODB_URL) as for the platform`);
  }
  return { eventStore: openEventStore(config), readStore: openReadStore(config) };
}

const POLL_INTERVAL_MS = 50;

/** Whether the projection's checkpoint reaches the position within the wait (a running projection runner folded what the command wrote). */
export async function projectionReached(readStore: ReadStore, projection: string, position: number, waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (((await readStore.getCheckpoint(projection))?.position ?? 0) >= position) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** `--wait-ms`: how long to wait for the projection runner; the platform's read-your-writes deadline by default. */
export function waitMsOption(raw: string | undefined, config: PlatformConfig): number {
  if (raw === undefined) return config.readYourWritesTimeoutMs;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new UsageError('--wait-ms must be a non-negative integer');
  return value;
}
