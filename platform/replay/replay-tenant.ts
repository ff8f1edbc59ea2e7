import { matchesFilter, type EventStore, type RecordedEvent } from '../eventstore/port';
import type { UpcasterRegistry } from '../eventstore/upcasting';
import type { ReadDocument } from '../readstore/port';
import { InMemoryReadModels } from './in-memory-read-models';
import type { ReplayProjection } from './replay-projection';

/** The point to replay to: a time, or a position in the global log (inclusive). */
export interface ReplayPoint {
  readonly time?: Date;
  readonly position?: number;
}

export interface ReplayedCollection {
  readonly name: string;
  readonly documents: ReadDocument[];
}

export interface TenantReplay {
  readonly tenantId: string;
  /** The time replayed to; for a position, when the last event of the log up to it was recorded. */
  readonly asOf?: string;
  /** The last log position replayed (0 when the log had nothing up to the point). */
  readonly position: number;
  /** Events of the tenant that were folded. */
  readonly eventCount: number;
  /** Every collection of every projection, in projection order, documents ordered by id. */
  readonly collections: ReplayedCollection[];
}

export interface ReplayOptions {
  /** Called now and then with the number of log events read so far (for a progress bar). */
  readonly onProgress?: (eventsRead: number) => void;
}

const PROGRESS_EVERY = 1000;

/**
 * Rebuilds a tenant's read models as they stood at `asOf` by running the platform's own
 * projections over the tenant's events (metadata.tenantId) in a throwaway in-memory store. The
 * projections see events upcast to their latest schema version, as the live projections do.
 *
 * "As of a time" means the longest prefix of the log whose events were all recorded at or before
 * that time: the log's order is the truth, so a replay as of a time equals the replay as of the
 * position it reports.
 */
export async function replayTenantAsOf(
  eventStore: EventStore,
  tenantId: string,
  asOf: ReplayPoint,
  projections: readonly ReplayProjection[],
  upcasters: UpcasterRegistry,
  options: ReplayOptions = {},
): Promise<TenantReplay> {
  if ((asOf.time === undefined) === (asOf.position === undefined)) throw new Error('Replay needs exactly one of asOf.time and asOf.position');
  const cutTime = asOf.time?.getTime();
  const readModels = new InMemoryReadModels();
  let position = 0;
  let lastRecordedAt: string | undefined;
  let eventsRead = 0;
  let eventCount = 0;
  for await (const event of eventStore.readAll()) {
    if (asOf.position !== undefined && event.position > asOf.position) break;
    if (cutTime !== undefined && Date.parse(event.recordedAt) > cutTime) break;
    position = event.position;
    lastRecordedAt = event.recordedAt;
    if (++eventsRead % PROGRESS_EVERY === 0) options.onProgress?.(eventsRead);
    if (event.metadata?.tenantId !== tenantId) continue;
    eventCount += 1;
    await fold(upcasters.upcast(event), projections, readModels);
  }
  options.onProgress?.(eventsRead);
  return {
    tenantId,
    asOf: asOf.time?.toISOString() ?? lastRecordedAt,
    position,
    eventCount,
    collections: projections.flatMap((projection) => projection.collections.map(({ name }) => ({ name, documents: readModels.list(name) }))),
  };
}

async function fold(event: RecordedEvent, projections: readonly ReplayProjection[], readModels: InMemoryReadModels): Promise<void> {
  for (const projection of projections) {
    if (!matchesFilter(event, projection.filter)) continue;
    try {
      await projection.handle(event, readModels);
    } catch (error) {
      throw new Error(`Replay: projection ${projection.name} failed on ${event.type} at position ${event.position}: ${(error as Error).message}`, { cause: error });
    }
  }
}
