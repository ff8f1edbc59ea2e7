import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore } from '../platform/eventstore/sqlite';
import type { EventStore, NewEvent } from '../platform/eventstore/port';
import type { Checkpoint, ReadDocument, ReadStore } from '../platform/readstore/port';
import { createSqliteReadStore } from '../platform/readstore/sqlite';
import type { Projection } from './projection';
import type { ProjectionLogger } from './projection-logger';

/**
 * Fixtures for the runner's integration tests: solve-job events, three projections that fold them
 * in different ways (document per job with patches and deletes, a read-modify-write counter, a
 * projection filtered to another category), and a real SQLite event store + read store in a temp dir.
 */

export type JobEvent =
  | { type: 'JobQueued'; data: { jobId: string; tenantId: string; title: string } }
  | { type: 'JobStarted'; data: { jobId: string } }
  | { type: 'JobFinished'; data: { jobId: string; energy: number } }
  | { type: 'JobCancelled'; data: { jobId: string } };

export function jobEvent(event: JobEvent, tenantId = 't1'): NewEvent {
  return {
    id: randomUUID(),
    type: event.type,
    data: event.data,
    metadata: { tenantId, actor: 'tester', correlationId: randomUUID(), causationId: randomUUID(), occurredAt: new Date().toISOString(), schemaVersion: 1 },
  };
}

export function tenantCreated(name: string): NewEvent {
  return { ...jobEvent({ type: 'JobCancelled', data: { jobId: '' } }), type: 'TenantCreated', data: { name } };
}

/** One document per job; finished jobs carry their energy, cancelled ones are deleted. */
export const jobsProjection: Projection = {
  name: 'jobs',
  collections: [{ name: 'jobs', indexes: ['tenantId', 'state'], textFields: ['title'] }],
  filter: { categories: ['job'] },
  handle(event, context) {
    const job = event as unknown as JobEvent;
    switch (job.type) {
      case 'JobQueued':
        context.upsert('jobs', { id: job.data.jobId, tenantId: job.data.tenantId, title: job.data.title, state: 'queued' });
        return;
      case 'JobStarted':
        context.patch('jobs', job.data.jobId, { state: 'running' });
        return;
      case 'JobFinished':
        context.patch('jobs', job.data.jobId, { state: 'finished', energy: job.data.energy });
        return;
      case 'JobCancelled':
        context.delete('jobs', job.data.jobId);
        return;
    }
  },
};

/** Counts per tenant by reading the previous count: folding an event twice would count it twice. */
export const tenantJobCountsProjection: Projection = {
  name: 'tenant-job-counts',
  collections: [{ name: 'tenant_job_counts', indexes: [] }],
  filter: { categories: ['job'], eventTypes: ['JobQueued', 'JobFinished'] },
  async handle(event, context) {
    const tenantId = event.metadata.tenantId;
    const counts = (await context.get<CountsDocument>('tenant_job_counts', tenantId)) ?? { id: tenantId, queued: 0, finished: 0 };
    if (event.type === 'JobQueued') counts.queued += 1;
    if (event.type === 'JobFinished') counts.finished += 1;
    context.upsert('tenant_job_counts', counts);
  },
};

interface CountsDocument extends ReadDocument {
  queued: number;
  finished: number;
}

/** Sees only `tenant-` streams: its checkpoint must still move past the job events it never receives. */
export const tenantNamesProjection: Projection = {
  name: 'tenant-names',
  collections: [{ name: 'tenant_names', indexes: [] }],
  filter: { categories: ['tenant'] },
  handle(event, context) {
    context.upsert('tenant_names', { id: event.streamId, name: (event.data as { name: string }).name });
  },
};

/** A projection whose handler waits on a gate the test opens, to hold a batch in flight. */
export function gatedProjection(name: string): { projection: Projection; open: () => void; entered: Promise<void> } {
  let open!: () => void;
  let entered!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const enteredPromise = new Promise<void>((resolve) => (entered = resolve));
  const projection: Projection = {
    name,
    collections: [{ name: name.replace(/-/g, '_'), indexes: [] }],
    async handle(event, context) {
      entered();
      await gate;
      context.upsert(name.replace(/-/g, '_'), { id: event.id, type: event.type });
    },
  };
  return { projection, open, entered: enteredPromise };
}

export interface RecordingLogger extends ProjectionLogger {
  readonly errors: { obj: Record<string, unknown>; msg: string }[];
}

export function recordingLogger(): RecordingLogger {
  const errors: { obj: Record<string, unknown>; msg: string }[] = [];
  return {
    errors,
    info: () => undefined,
    error: (obj, msg) => errors.push({ obj: obj as Record<string, unknown>, msg }),
  };
}

export interface StoresInTempDir {
  readonly file: string;
  readonly eventStore: EventStore;
  readonly readStore: ReadStore;
  /** Opens another read store on the same file (what a restarted process would do). */
  reopenReadStore(): ReadStore;
  close(): Promise<void>;
}

export function storesInTempDir(): StoresInTempDir {
  const dir = mkdtempSync(join(tmpdir(), 'goliath-runner-'));
  const file = join(dir, 'goliath.sqlite');
  const eventStore = createSqliteEventStore({ file, synchronous: 'NORMAL', pollIntervalMs: 20 });
  const readStores = [createSqliteReadStore({ file })];
  return {
    file,
    eventStore,
    readStore: readStores[0],
    reopenReadStore: () => {
      const store = createSqliteReadStore({ file });
      readStores.push(store);
      return store;
    },
    close: async () => {
      await Promise.all(readStores.map((store) => store.close()));
      await eventStore.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every document of a collection in id order. */
export async function allDocuments(readStore: ReadStore, collection: string): Promise<ReadDocument[]> {
  const docs: ReadDocument[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await readStore.collection(collection).find({ first: 1000, after });
    docs.push(...page.items);
    if (!page.hasNextPage) return docs;
    after = page.endCursor;
  }
}

/**
 * A read store that forgets checkpoints, as if every commit's writes had landed but not its
 * checkpoint (MongoDB's at-least-once window): it remembers a position, committed by version 1.
 */
export function forgetfulCheckpoints(readStore: ReadStore, remembered: (projection: string) => number | undefined): ReadStore {
  return new Proxy(readStore, {
    get(target, property, receiver) {
      if (property === 'getCheckpoint') {
        return async (projection: string): Promise<Checkpoint | undefined> => {
          const position = remembered(projection);
          return position === undefined ? undefined : { position, version: 1 };
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A read store whose next commits fail with these errors, one each, before it commits again (a busy or full disk). */
export function failingCommits(readStore: ReadStore, failures: Error[]): ReadStore & { readonly attempts: number } {
  let attempts = 0;
  return new Proxy(readStore, {
    get(target, property, receiver) {
      if (property === 'attempts') return attempts;
      if (property === 'commit') {
        return async (...args: Parameters<ReadStore['commit']>) => {
          attempts += 1;
          const failure = failures.shift();
          if (failure) throw failure;
          return target.commit(...args);
        };
      }
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as ReadStore & { readonly attempts: number };
}
