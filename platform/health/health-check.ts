import type { EventStore } from '../eventstore/port';
import type { ReadStore } from '../readstore/port';
import { assessHealth, type HealthReport, type ReadinessSettings, type ProjectionHealth, type StoreHealth } from './health-report';

/** Something the process needs to answer: a store, probed with a cheap read. */
export interface StoreProbe {
  readonly store: string;
  probe(): Promise<unknown>;
}

/** How the process sees the projections: the runner's own view, or the read store's (checkpointProjections). */
export type ProjectionsView = () => Promise<readonly ProjectionHealth[]>;

export type HealthCheck = () => Promise<HealthReport>;

export interface HealthCheckOptions {
  readonly stores: readonly StoreProbe[];
  readonly projections: ProjectionsView;
  readonly settings: ReadinessSettings;
  /** A probe slower than this counts as unreachable (MongoDB's driver would wait 30 s to say so). */
  readonly timeoutMs?: number;
}

const DEFAULT_PROBE_TIMEOUT_MS = 2_000;

export function healthCheck(options: HealthCheckOptions): HealthCheck {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  return async () => {
    const [stores, projections] = await Promise.all([
      Promise.all(options.stores.map((store) => probe(store, timeoutMs))),
      withTimeout(options.projections(), timeoutMs).catch((error: unknown) => ({ error: messageOf(error) })),
    ]);
    return assessHealth(stores, projections, options.settings);
  };
}

export const eventStoreProbe = (eventStore: Pick<EventStore, 'headPosition'>): StoreProbe => ({ store: 'event store', probe: () => eventStore.headPosition() });

export const readStoreProbe = (readStore: Pick<ReadStore, 'getCheckpoint'>): StoreProbe => ({ store: 'read store', probe: () => readStore.getCheckpoint('health-probe') });

async function probe(store: StoreProbe, timeoutMs: number): Promise<StoreHealth> {
  const started = performance.now();
  try {
    await withTimeout(store.probe(), timeoutMs);
    return { store: store.store, reachable: true, latencyMs: elapsed(started) };
  } catch (error) {
    return { store: store.store, reachable: false, latencyMs: elapsed(started), error: messageOf(error) };
  }
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 100) / 100;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
