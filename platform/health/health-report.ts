/**
 * One health model for every process (embedded, gateway, subgraph, projections): whether its
 * stores answer, and how the projections are doing, as far as the process can see them.
 */
export type HealthStatus = 'ok' | 'degraded' | 'down';

export interface StoreHealth {
  readonly store: string;
  readonly reachable: boolean;
  readonly latencyMs: number;
  readonly error?: string;
}

/**
 * A projection as the process sees it. The process that runs it knows its state; any other knows
 * only what the read store holds (its checkpoint and dead letters): `observed: false`.
 */
export interface ProjectionHealth {
  readonly projection: string;
  readonly observed: boolean;
  /** idle, running, retrying or stopped when observed; `unknown` otherwise. */
  readonly state: string;
  readonly checkpoint: number;
  readonly headPosition: number;
  readonly lag: number;
  /** Dead letters not yet retried or skipped. */
  readonly parked: number;
  /** The last error while it is retrying. */
  readonly error?: string;
  readonly retry?: { readonly attempts: number; readonly since: string; readonly nextAttemptAt?: string };
  readonly lastCommitAt?: string;
  readonly msSinceLastCommit?: number;
}

export interface HealthReport {
  readonly status: HealthStatus;
  /** Stores reachable and every projection caught up: running (when this process runs it) and at most `readyMaxLag` behind. */
  readonly ready: boolean;
  /** Why it is not `ok` (or not ready), one sentence each. */
  readonly reasons: readonly string[];
  readonly stores: readonly StoreHealth[];
  readonly projections: readonly ProjectionHealth[];
  readonly checkedAt: string;
}

export interface ReadinessSettings {
  /**
   * How far behind the log a projection may be and still count as caught up: events on SQLite,
   * log positions (bytes) on EventStoreDB.
   */
  readonly readyMaxLag: number;
}

/**
 * `down` when a store does not answer; `degraded` when a projection is retrying, has parked events
 * or is behind (or cannot be looked at); `ok` otherwise.
 */
export function assessHealth(
  stores: readonly StoreHealth[],
  projections: readonly ProjectionHealth[] | { readonly error: string },
  settings: ReadinessSettings,
  now = new Date(),
): HealthReport {
  const reasons: string[] = [];
  for (const store of stores) if (!store.reachable) reasons.push(`the ${store.store} does not answer: ${store.error ?? 'unknown error'}`);
  const storesReachable = reasons.length === 0;
  const list = 'error' in projections ? [] : projections;
  if ('error' in projections) reasons.push(`the projections cannot be looked at: ${projections.error}`);
  let caughtUp = !('error' in projections);
  for (const projection of list) {
    if (projection.state === 'retrying') {
      reasons.push(`projection ${projection.projection} is retrying (attempt ${projection.retry?.attempts ?? '?'}): ${projection.error ?? 'unknown error'}`);
    }
    if (projection.observed && (projection.state === 'stopped' || projection.state === 'idle')) {
      caughtUp = false;
      reasons.push(`projection ${projection.projection} is ${projection.state}`);
    }
    if (projection.parked > 0) {
      reasons.push(`projection ${projection.projection} has ${projection.parked} parked event${projection.parked === 1 ? '' : 's'} (list them with \`goliath projections parked\`)`);
    }
    if (projection.lag > settings.readyMaxLag) {
      caughtUp = false;
      reasons.push(`projection ${projection.projection} is ${projection.lag} behind the log (caught up means at most ${settings.readyMaxLag})`);
    }
  }
  return {
    status: !storesReachable ? 'down' : reasons.length > 0 ? 'degraded' : 'ok',
    ready: storesReachable && caughtUp,
    reasons,
    stores,
    projections: list,
    checkedAt: now.toISOString(),
  };
}
