import type { Upcaster } from '../../platform/eventstore/upcasting';
import type { SolveJobProgressed, SolveJobProgressedV1, SolveJobStarted, SolveJobStartedV1 } from './solve-job-events';

/**
 * SolveJobStarted v1 had no lease: a v1 start counts as held by no known runner and expired at
 * once, which is what a job found RUNNING after a restart was treated as before leases existed.
 */
const solveJobStartedV1ToV2: Upcaster<SolveJobStartedV1, SolveJobStarted['data']> = {
  eventType: 'SolveJobStarted',
  fromVersion: 1,
  upcast: (data) => ({ ...data, runner: 'unknown', leaseExpiresAt: data.startedAt }),
};

/** SolveJobProgressed v1 did not name its attempt; 0 stands for "not recorded". */
const solveJobProgressedV1ToV2: Upcaster<SolveJobProgressedV1, SolveJobProgressed['data']> = {
  eventType: 'SolveJobProgressed',
  fromVersion: 1,
  upcast: (data) => ({ ...data, attempt: 0 }),
};

/**
 * Every upcaster of the domain's events. When a stored event type changes shape, raise its version
 * in its `*_EVENT_VERSIONS` map and add the upcaster from the old version here; the registry built
 * from this list (app/event-upcasters.ts) refuses to start while a raised version has none.
 */
export const EVENT_UPCASTERS: readonly Upcaster[] = [solveJobStartedV1ToV2 as Upcaster, solveJobProgressedV1ToV2 as Upcaster];
