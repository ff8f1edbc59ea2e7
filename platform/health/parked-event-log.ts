import { InvalidReadQueryError } from '../readstore/invalid-read-query-error';
import type { ReadStore } from '../readstore/port';
import { parkedEventsCollection, parseParkedEventId, type ParkedEventDocument, type ParkedEventStatus } from './parked-event';

export interface ParkedEventFilter {
  /** One projection's; every projection's when omitted. */
  readonly projection?: string;
  /** Any status when omitted. */
  readonly status?: ParkedEventStatus;
  /** At most this many, oldest first. */
  readonly first: number;
}

/**
 * The dead letters of the runner's projections as any process sees them in the read store: the
 * runner's own (health), a subgraph's (the operators' API) and the CLI's. A projection whose
 * collection is not defined yet (the runner never started) has none.
 */
export class ParkedEventLog {
  constructor(
    private readonly readStore: Pick<ReadStore, 'collection'>,
    /** Every projection the runner runs. */
    readonly projections: readonly string[],
  ) {}

  async get(id: string): Promise<ParkedEventDocument | undefined> {
    const named = parseParkedEventId(id);
    if (!named || !this.projections.includes(named.projection)) return undefined;
    return orNone(() => this.readStore.collection<ParkedEventDocument>(parkedEventsCollection(named.projection)).get(id), undefined);
  }

  async list(filter: ParkedEventFilter): Promise<ParkedEventDocument[]> {
    const projections = filter.projection === undefined ? this.projections : this.projections.filter((name) => name === filter.projection);
    const where = filter.status ? { status: filter.status } : undefined;
    const pages = await Promise.all(
      projections.map((projection) =>
        orNone(async () => (await this.readStore.collection<ParkedEventDocument>(parkedEventsCollection(projection)).find({ where, sort: [{ field: 'position', direction: 'asc' }], first: filter.first })).items, []),
      ),
    );
    return pages
      .flat()
      .sort((a, b) => a.position - b.position)
      .slice(0, filter.first);
  }

  /** Events still parked, per projection (every projection listed, 0 included). */
  async countParked(): Promise<Map<string, number>> {
    const counts = await Promise.all(
      this.projections.map((projection) => orNone(() => this.readStore.collection(parkedEventsCollection(projection)).count({ status: 'parked' }), 0)),
    );
    return new Map(this.projections.map((projection, index) => [projection, counts[index]]));
  }
}

/** A collection the runner has not defined yet holds nothing; every other failure is the store's and is raised. */
async function orNone<T>(read: () => Promise<T>, none: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof InvalidReadQueryError && /not defined/.test(error.message)) return none;
    throw error;
  }
}
