import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { UPCASTER_REGISTRY } from '../../app/event-upcasters';
import type { DomainEvent } from '../../platform/commands/decider';
import { matchesFilter, type RecordedEvent } from '../../platform/eventstore/port';
import { createMongoReadStore } from '../../platform/readstore/mongodb';
import { createPostgresReadStore } from '../../platform/readstore/postgres';
import type { ReadDocument, ReadStore } from '../../platform/readstore/port';
import { MAX_PAGE_SIZE } from '../../platform/readstore/query-shape';
import { createSqliteReadStore } from '../../platform/readstore/sqlite';
import { foldVersion, type Projection } from '../../projections/projection';
import { ProjectionUnitOfWork } from '../../projections/unit-of-work';
import { eventSchemaVersion } from '../../schema/events';
import { dropTestSchema, postgresTestUrl, uniqueSchema } from './postgres-test-database';

/**
 * given(events) / when(events) / then(documents) for projections, as emmett's projection specs:
 *
 *   describeProjection(tenantsProjection, (spec) => {
 *     it('renames', () => spec.given(acme.created('Acme', t1)).when(acme.renamed('Acme Corp', 'Acme', t2)).then({ tenants: [renamed] }));
 *   });
 *
 * Every `then` runs the events twice, each time into a fresh store: once as the runner folds a
 * catch-up, and once as an at-least-once store redelivers them (each event twice, then the whole
 * log again). Both must leave the same documents, so every spec also proves idempotency.
 */

/** An event as a spec states it: what happened, in which stream, on whose behalf. */
export interface SpecEvent {
  readonly streamId: string;
  readonly tenantId: string;
  readonly actor: string;
  readonly schemaVersion: number;
  readonly event: DomainEvent;
}

/**
 * Per collection, either every document it holds (in id order) or the named ones by id, where
 * undefined means the document must not exist.
 */
export type ExpectedDocuments = Readonly<Record<string, readonly ReadDocument[] | Readonly<Record<string, ReadDocument | undefined>>>>;

export interface ProjectionSpec {
  given(...events: readonly SpecEvent[]): ProjectionWhen;
  when(...events: readonly SpecEvent[]): ProjectionThen;
}

export interface ProjectionWhen {
  when(...events: readonly SpecEvent[]): ProjectionThen;
}

export interface ProjectionThen {
  then(expected: ExpectedDocuments): Promise<void>;
}

/**
 * The events of one stream, checked against the stream's union of event types:
 * `stream<TenantEvent>(tenantStreamId('acme'), 'acme')({ type: 'TenantCreated', data })`.
 */
export function stream<Event extends DomainEvent>(streamId: string, tenantId: string, options: { readonly actor?: string; readonly schemaVersion?: number } = {}) {
  return (event: Event): SpecEvent => ({
    streamId,
    tenantId,
    actor: options.actor ?? `user:${tenantId}-admin`,
    schemaVersion: options.schemaVersion ?? eventSchemaVersion(event.type),
    event,
  });
}

/** Declares the projection's specs once per read-store adapter: SQLite always, MongoDB when MONGODB_URL is set, PostgreSQL when POSTGRES_TEST_URL (or POSTGRES_URL) is. */
export function describeProjection(projection: Projection, specs: (spec: ProjectionSpec) => void): void {
  for (const adapter of readStoreAdapters()) {
    describe(`${projection.name} projection on the ${adapter.name} read store`, () => {
      afterAll(() => adapter.closeAll());
      specs(projectionSpec(projection, adapter));
    });
  }
}

function projectionSpec(projection: Projection, adapter: ReadStoreAdapter): ProjectionSpec {
  const when = (history: readonly SpecEvent[]) => (...events: readonly SpecEvent[]): ProjectionThen => ({
    then: (expected) => verify(projection, adapter, [...history, ...events], expected),
  });
  return {
    given: (...history) => ({ when: when(history) }),
    when: when([]),
  };
}

interface Delivery {
  readonly name: string;
  readonly batches: (events: readonly RecordedEvent[]) => (readonly RecordedEvent[])[];
}

/**
 * How events reach a projection. Redelivered duplicates come in batches of their own: a store
 * redelivers after a commit whose checkpoint was lost, so never twice inside one batch.
 */
const DELIVERIES: readonly Delivery[] = [
  { name: 'delivered once, as one catch-up batch', batches: (events) => [events] },
  { name: 'each event delivered twice, then all of them again', batches: (events) => [...events.flatMap((event) => [[event], [event]]), events] },
];

async function verify(projection: Projection, adapter: ReadStoreAdapter, events: readonly SpecEvent[], expected: ExpectedDocuments): Promise<void> {
  const owned = new Set(projection.collections.map((collection) => collection.name));
  const foreign = Object.keys(expected).filter((collection) => !owned.has(collection));
  if (foreign.length > 0) throw new Error(`${projection.name} does not own ${foreign.join(', ')} (it owns ${[...owned].join(', ')})`);
  // The subscription hands a projection only the events its filter selects.
  const delivered = record(events).filter((event) => matchesFilter(event, projection.filter));
  for (const delivery of DELIVERIES) {
    const { store, dispose } = await adapter.fresh();
    try {
      await store.defineCollections(projection.collections);
      for (const batch of delivery.batches(delivered)) await fold(projection, store, owned, batch);
      expect(await documents(store, expected)).toEqual(expected);
    } catch (error) {
      // Says which delivery left the wrong documents: a diff alone does not tell a redelivery bug from a folding one.
      if (error instanceof Error) error.message = `When ${delivery.name}:\n${error.message}`;
      await dispose().catch(() => undefined);
      throw error;
    }
    await dispose();
  }
}

/**
 * One batch as ProjectionWorker folds it: one unit of work over the events, each upcast with the
 * registry the runner is given in production, then the flush and one commit with the checkpoint.
 */
async function fold(projection: Projection, store: ReadStore, owned: ReadonlySet<string>, batch: readonly RecordedEvent[]): Promise<void> {
  if (batch.length === 0) return;
  const unitOfWork = new ProjectionUnitOfWork(store, owned);
  for (const event of batch) {
    unitOfWork.beginEvent(event.position);
    await projection.handle(UPCASTER_REGISTRY.upcast(event), unitOfWork);
  }
  await projection.flush?.();
  await store.commit(projection.name, await unitOfWork.writes(), { position: batch[batch.length - 1].position, version: foldVersion(projection) });
}

/** The events as a store records them: contiguous positions, revisions per stream, a tick of the clock each. */
function record(events: readonly SpecEvent[]): RecordedEvent[] {
  const revisions = new Map<string, number>();
  return events.map(({ streamId, tenantId, actor, schemaVersion, event }, index) => {
    const position = index + 1;
    const revision = (revisions.get(streamId) ?? -1) + 1;
    revisions.set(streamId, revision);
    const at = new Date(Date.UTC(2026, 0, 1) + position * 1000).toISOString();
    return {
      id: randomUUID(),
      type: event.type,
      data: event.data,
      streamId,
      revision,
      position,
      recordedAt: at,
      metadata: { tenantId, actor, correlationId: `correlation-${position}`, causationId: `causation-${position}`, occurredAt: at, schemaVersion },
    };
  });
}

/** The stored documents in the shape of the expectation. */
async function documents(store: ReadStore, expected: ExpectedDocuments): Promise<ExpectedDocuments> {
  const actual: Record<string, ExpectedDocuments[string]> = {};
  for (const [collection, expectation] of Object.entries(expected)) {
    if (Array.isArray(expectation)) {
      const page = await store.collection(collection).find({ first: MAX_PAGE_SIZE });
      if (page.hasNextPage) throw new Error(`${collection} holds more than ${MAX_PAGE_SIZE} documents: a spec should need far fewer`);
      actual[collection] = page.items;
    } else {
      const ids = Object.keys(expectation);
      actual[collection] = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await store.collection(collection).get(id)] as const)));
    }
  }
  return actual;
}

interface ReadStoreAdapter {
  readonly name: string;
  /** An empty store of its own, and how to remove it. */
  fresh(): Promise<{ readonly store: ReadStore; dispose(): Promise<void> }>;
  closeAll(): Promise<void>;
}

function readStoreAdapters(): ReadStoreAdapter[] {
  const url = process.env.MONGODB_URL;
  return [sqliteAdapter(), ...(url ? [mongoAdapter(url)] : []), ...(postgresTestUrl ? [postgresAdapter(postgresTestUrl)] : [])];
}

/** Real better-sqlite3 files in a temp dir, one per run. */
function sqliteAdapter(): ReadStoreAdapter {
  let dir: string | undefined;
  let runs = 0;
  return {
    name: 'SQLite',
    async fresh() {
      dir ??= mkdtempSync(join(tmpdir(), 'goliath-projection-spec-'));
      runs += 1;
      const store = createSqliteReadStore({ file: join(dir, `run-${runs}.sqlite`) });
      return { store, dispose: () => store.close() };
    },
    async closeAll() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A database of its own per run, opened with the real factory and dropped afterwards. */
function mongoAdapter(url: string): ReadStoreAdapter {
  // Only for dropping the runs' databases: the read store's own client stays private to it.
  let admin: MongoClient | undefined;
  const prefix = `${process.env.MONGODB_DATABASE ?? 'goliath'}_projection_spec_${randomBytes(3).toString('hex')}`;
  let runs = 0;
  return {
    name: 'MongoDB',
    async fresh() {
      runs += 1;
      const database = `${prefix}_${runs}`;
      const store = createMongoReadStore({ url, database });
      return {
        store,
        dispose: async () => {
          await store.close();
          admin ??= new MongoClient(url);
          await admin.db(database).dropDatabase();
        },
      };
    },
    async closeAll() {
      await admin?.close();
    },
  };
}

/** A PostgreSQL schema of its own per run, opened with the real factory and dropped afterwards. */
function postgresAdapter(url: string): ReadStoreAdapter {
  return {
    name: 'PostgreSQL',
    async fresh() {
      const schema = uniqueSchema('projection_spec');
      const store = createPostgresReadStore({ connectionString: url, schema });
      return {
        store,
        dispose: async () => {
          await store.close();
          await dropTestSchema(schema);
        },
      };
    },
    async closeAll() {},
  };
}
