import { eventually } from '../test/support/eventually';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { NO_UPCASTERS } from '../platform/eventstore/upcasting';
import { parkedEventsCollection } from '../platform/health/parked-event';
import type { ReadStore } from '../platform/readstore/port';
import type { Projection } from './projection';
import { ProjectionsLaggingError } from './projections-lagging-error';
import { ProjectionRunner } from './runner';
import {
  allDocuments,
  failingCommits,
  forgetfulCheckpoints,
  gatedProjection,
  jobEvent,
  jobsProjection,
  recordingLogger,
  storesInTempDir,
  tenantJobCountsProjection,
  tenantCreated,
  tenantNamesProjection,
  type StoresInTempDir,
} from './runner.fixtures';

const PROJECTIONS = [jobsProjection, tenantJobCountsProjection, tenantNamesProjection];

describe('ProjectionRunner (SQLite event store + SQLite read store)', () => {
  let stores: StoresInTempDir;
  const runners: ProjectionRunner[] = [];

  beforeEach(() => {
    stores = storesInTempDir();
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await stores.close();
  });

  function runner(
    options: { projections?: readonly Projection[]; readStore?: ReadStore; batchSize?: number; logger?: ReturnType<typeof recordingLogger>; retry?: { initialDelayMs: number; maxDelayMs: number } } = {},
  ): ProjectionRunner {
    const created = new ProjectionRunner({
      eventStore: stores.eventStore,
      readStore: options.readStore ?? stores.readStore,
      projections: options.projections ?? PROJECTIONS,
      upcasters: NO_UPCASTERS,
      logger: options.logger ?? recordingLogger(),
      batchSize: options.batchSize,
      retry: options.retry,
    });
    runners.push(created);
    return created;
  }

  /** Appends a job's life: queued, started, then finished or cancelled. Returns the last position. */
  async function givenJob(jobId: string, outcome: 'finished' | 'cancelled' | 'running', tenantId = 't1'): Promise<number> {
    const events = [jobEvent({ type: 'JobQueued', data: { jobId, tenantId, title: `Max-cut ${jobId}` } }, tenantId), jobEvent({ type: 'JobStarted', data: { jobId } }, tenantId)];
    if (outcome === 'finished') events.push(jobEvent({ type: 'JobFinished', data: { jobId, energy: -42 } }, tenantId));
    if (outcome === 'cancelled') events.push(jobEvent({ type: 'JobCancelled', data: { jobId } }, tenantId));
    return (await stores.eventStore.append(`job-${jobId}`, events, 'no-stream')).position;
  }

  async function readModels(readStore: ReadStore = stores.readStore) {
    return {
      jobs: await allDocuments(readStore, 'jobs'),
      counts: await allDocuments(readStore, 'tenant_job_counts'),
      names: await allDocuments(readStore, 'tenant_names'),
    };
  }

  it('catches up on the log, then follows live appends', async () => {
    // Given jobs already in the log
    await givenJob('a', 'finished');
    await givenJob('b', 'cancelled', 't2');
    await givenJob('c', 'running');

    // When the runner starts and catches up
    const projections = runner();
    await projections.start();
    await projections.waitFor(await stores.eventStore.headPosition(), 5_000);

    // Then the read models reflect every event
    expect(await readModels()).toEqual({
      jobs: [
        { id: 'a', tenantId: 't1', title: 'Max-cut a', state: 'finished', energy: -42 },
        { id: 'c', tenantId: 't1', title: 'Max-cut c', state: 'running' },
      ],
      counts: [
        { id: 't1', queued: 2, finished: 1 },
        { id: 't2', queued: 1, finished: 0 },
      ],
      names: [],
    });

    // When events arrive live
    const tenantPosition = (await stores.eventStore.append('tenant-t3', [tenantCreated('Acme')], 'no-stream')).position;
    const livePosition = await givenJob('d', 'finished', 't3');
    await projections.waitFor(livePosition, 5_000);

    // Then they are folded too, and full-text search sees them
    expect(await stores.readStore.collection('jobs').get('d')).toEqual({ id: 'd', tenantId: 't3', title: 'Max-cut d', state: 'finished', energy: -42 });
    expect(await stores.readStore.collection('tenant_job_counts').get('t3')).toEqual({ id: 't3', queued: 1, finished: 1 });
    expect(await stores.readStore.collection('tenant_names').get('tenant-t3')).toEqual({ id: 'tenant-t3', name: 'Acme' });
    expect(tenantPosition).toBeLessThan(livePosition);
    expect((await stores.readStore.collection('jobs').search('max-cut d')).items[0]).toMatchObject({ id: 'd' });
  });

  it('moves the checkpoint of a filtered projection past the events it never receives', async () => {
    // Given only job events, which tenant-names filters out
    const position = await givenJob('a', 'finished');

    // When the runner has caught up
    const projections = runner();
    await projections.start();
    await projections.waitFor(position, 5_000);

    // Then tenant-names' committed checkpoint is at the head too
    expect(await stores.readStore.getCheckpoint('tenant-names')).toEqual({ position, version: 1 });
    expect(await allDocuments(stores.readStore, 'tenant_names')).toEqual([]);
  });

  it('gives the same read models when every event is delivered twice', async () => {
    // Given a runner that has folded the log once
    for (const [i, outcome] of (['finished', 'cancelled', 'running', 'finished'] as const).entries()) await givenJob(`j${i}`, outcome, `t${i % 2}`);
    const first = runner();
    await first.start();
    await first.waitFor(await stores.eventStore.headPosition(), 5_000);
    await first.stop();
    const once = await readModels();

    // When a restarted runner has lost every checkpoint and replays the whole log onto the same read models
    const replay = runner({ readStore: forgetfulCheckpoints(stores.reopenReadStore(), () => undefined) });
    await replay.start();
    await replay.waitFor(await stores.eventStore.headPosition(), 5_000);

    // Then nothing changed: no job resurrected, no count doubled
    expect(await readModels()).toEqual(once);
    expect(once.counts).toEqual([
      { id: 't0', queued: 2, finished: 1 },
      { id: 't1', queued: 2, finished: 1 },
    ]);
    expect(once.jobs.map((job) => job.id)).toEqual(['j0', 'j2', 'j3']);
  });

  it('counts correctly when a redelivered batch mixes events already applied with new ones', async () => {
    // Given a runner that folded the first jobs and committed its checkpoint
    await givenJob('a', 'finished');
    const midpoint = await givenJob('b', 'finished');
    const first = runner();
    await first.start();
    await first.waitFor(midpoint, 5_000);
    await first.stop();

    // When new jobs arrive and a restarted runner resumes from an older checkpoint, folding old and new events in one batch
    await givenJob('c', 'finished');
    const head = await givenJob('d', 'running');
    const resumed = runner({ readStore: forgetfulCheckpoints(stores.reopenReadStore(), () => 2), batchSize: 500 });
    await resumed.start();
    await resumed.waitFor(head, 5_000);

    // Then each event counted exactly once
    expect(await stores.readStore.collection('tenant_job_counts').get('t1')).toEqual({ id: 't1', queued: 4, finished: 3 });
    expect((await allDocuments(stores.readStore, 'jobs')).map((job) => [job.id, job.state])).toEqual([
      ['a', 'finished'],
      ['b', 'finished'],
      ['c', 'finished'],
      ['d', 'running'],
    ]);
  });

  /** A projection that cannot handle titles containing "poison" while `poisonable` says so. */
  function fragileProjection(poisonable: { value: boolean }): Projection {
    return {
      name: 'fragile',
      collections: [{ name: 'fragile_jobs', indexes: [] }],
      filter: { eventTypes: ['JobQueued'] },
      handle(event, context) {
        const { jobId, title } = event.data as { jobId: string; title: string };
        if (poisonable.value && title.includes('poison')) throw new Error('cannot parse title');
        context.upsert('fragile_jobs', { id: jobId, title });
      },
    };
  }

  async function givenPoison(jobId: string, tenantId = 't1'): Promise<{ position: number; id: string }> {
    const poison = jobEvent({ type: 'JobQueued', data: { jobId, tenantId, title: `poison pill ${jobId}` } }, tenantId);
    return { position: (await stores.eventStore.append(`job-${jobId}`, [poison], 'no-stream')).position, id: poison.id };
  }

  /** What an operator's retry or skip appends (the command path adds the audit record; the runner needs only the event). */
  async function givenOperatorRequest(type: 'ParkedEventRetryRequested' | 'ParkedEventSkipped', projection: string, position: number, eventId: string): Promise<number> {
    const data = type === 'ParkedEventRetryRequested' ? { projection, position, eventId, requestedAt: '2026-01-01T00:00:00.000Z' } : { projection, position, eventId, reason: 'not needed', skippedAt: '2026-01-01T00:00:00.000Z' };
    const request = { ...jobEvent({ type: 'JobCancelled', data: { jobId: '' } }), type, data, metadata: { ...jobEvent({ type: 'JobCancelled', data: { jobId: '' } }).metadata, actor: 'ops-ada', occurredAt: '2026-01-01T00:00:00.000Z' } };
    return (await stores.eventStore.append(`deadletter-${projection}`, [request], 'any')).position;
  }

  const parkedIn = (projection: string) => allDocuments(stores.readStore, parkedEventsCollection(projection));

  it('parks an event its handler cannot fold, logs why, and goes on: later events, other projections, other tenants', async () => {
    // Given a running projection that cannot handle titles containing "poison"
    const logger = recordingLogger();
    const projections = runner({ projections: [...PROJECTIONS, fragileProjection({ value: true })], logger });
    await projections.start();
    await projections.waitFor(await givenJob('a', 'finished'), 5_000);

    // When tenant t1's poison event arrives, followed by other tenants' writes
    const poison = await givenPoison('p', 't1');
    const head = await givenJob('z', 'finished', 't2');

    // Then waiting for the head resolves (read-your-writes goes on), and every healthy event is folded
    await projections.waitFor(head, 5_000);
    expect((await allDocuments(stores.readStore, 'fragile_jobs')).map((doc) => doc.id)).toEqual(['a', 'z']);
    expect(await stores.readStore.getCheckpoint('fragile')).toEqual({ position: head, version: 1 });

    // And the event is parked with what an operator needs, in the commit that moved past it
    expect(await parkedIn('fragile')).toEqual([
      {
        id: `fragile:${poison.position}`,
        projection: 'fragile',
        eventId: poison.id,
        position: poison.position,
        streamId: 'job-p',
        revision: 0,
        eventType: 'JobQueued',
        tenantId: 't1',
        error: 'Error: cannot parse title',
        attempts: 1,
        status: 'parked',
        parkedAt: expect.any(String),
        lastAttemptAt: expect.any(String),
      },
    ]);

    // And logged with the projection, event type, stream and position
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0].obj).toMatchObject({ projection: 'fragile', eventType: 'JobQueued', streamId: 'job-p', position: poison.position, eventId: poison.id, tenantId: 't1' });
    expect(logger.errors[0].obj.err).toEqual(new Error('cannot parse title'));

    // And health shows it: running, caught up, one parked event
    expect((await projections.health()).find((entry) => entry.projection === 'fragile')).toMatchObject({ state: 'running', lag: 0, parked: 1, observed: true });

    // When the process restarts, the parked event is not met again
    await projections.stop();
    const restarted = runner({ projections: [...PROJECTIONS, fragileProjection({ value: true })], readStore: stores.reopenReadStore(), logger: recordingLogger() });
    await restarted.start();
    await restarted.waitFor(await givenJob('y', 'finished'), 5_000);
    expect((await parkedIn('fragile')).map((doc) => doc.status)).toEqual(['parked']);
  });

  it('parks only the event whose writes the store refuses (JSON nested deeper than SQLite reads), committing the rest of its batch', async () => {
    // Given a batch in which one event carries JSON nested 1,000 levels deep
    const details: Projection = {
      name: 'details',
      collections: [{ name: 'details', indexes: ['tenantId'] }],
      filter: { eventTypes: ['JobQueued'] },
      handle(event, context) {
        const data = event.data as { jobId: string; tenantId: string; details?: unknown };
        context.upsert('details', { id: data.jobId, tenantId: data.tenantId, details: data.details ?? null });
      },
    };
    let deep: Record<string, unknown> = {};
    for (let level = 0; level < 1_000; level++) deep = { nested: deep };
    await givenJob('before', 'running', 't1');
    const deepEvent = jobEvent({ type: 'JobQueued', data: { jobId: 'deep', tenantId: 't1', title: 'deep', details: deep } as never }, 't1');
    const deepPosition = (await stores.eventStore.append('job-deep', [deepEvent], 'no-stream')).position;
    const head = await givenJob('after', 'running', 't2');

    // When the projection folds the log in one batch
    const projections = runner({ projections: [details], batchSize: 500 });
    await projections.start();
    await projections.waitFor(head, 5_000);

    // Then the events around it are there, and it alone is parked with the store's error
    expect((await allDocuments(stores.readStore, 'details')).map((doc) => doc.id)).toEqual(['after', 'before']);
    expect((await parkedIn('details')).map((doc) => [doc.position, doc.status, doc.error])).toEqual([[deepPosition, 'parked', expect.stringMatching(/^SqliteError.*: malformed JSON$/)]]);
  });

  it.each([
    ['SQLITE_BUSY', () => new Database.SqliteError('database is locked', 'SQLITE_BUSY')],
    ['SQLITE_FULL', () => new Database.SqliteError('database or disk is full', 'SQLITE_FULL')],
    ['ENOSPC', () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })],
  ])('retries the batch with backoff while commits fail with %s, then recovers by itself with nothing parked', async (code, failure) => {
    // Given a store whose next five commits fail
    const readStore = failingCommits(stores.readStore, [failure(), failure(), failure(), failure(), failure()]);
    const projections = runner({ readStore, retry: { initialDelayMs: 20, maxDelayMs: 60 } });
    await projections.start();

    // When a job is written
    const position = await givenJob('a', 'finished');

    // Then the projections say they are retrying, with the error
    await eventually(async () => expect((await projections.lag()).some((entry) => entry.state === 'retrying' && entry.error?.includes(code === 'ENOSPC' ? 'no space left' : 'database'))).toBe(true));
    const retrying = (await projections.health()).find((entry) => entry.state === 'retrying')!;
    expect(retrying.retry).toEqual({ attempts: expect.any(Number), since: expect.any(String), nextAttemptAt: expect.any(String) });

    // And, once the store accepts commits again, they recover by themselves: everything folded, nothing parked
    await projections.waitFor(position, 5_000);
    await eventually(async () => expect((await projections.lag()).map((entry) => entry.state)).toEqual(['running', 'running', 'running']));
    expect(await stores.readStore.collection('jobs').get('a')).toMatchObject({ state: 'finished' });
    expect(await stores.readStore.collection('tenant_job_counts').get('t1')).toEqual({ id: 't1', queued: 1, finished: 1 });
    for (const projection of PROJECTIONS) expect(await parkedIn(projection.name)).toEqual([]);
    expect((await projections.health()).every((entry) => entry.parked === 0 && entry.retry === undefined)).toBe(true);
    expect(readStore.attempts).toBeGreaterThan(5);
  });

  it('retries a transient failure met inside a handler (a read on a busy store) instead of parking the event', async () => {
    let busy = 3;
    const reading: Projection = {
      name: 'reading',
      collections: [{ name: 'reading', indexes: [] }],
      filter: { eventTypes: ['JobQueued'] },
      async handle(event, context) {
        if (busy-- > 0) throw new Database.SqliteError('database is locked', 'SQLITE_BUSY');
        context.upsert('reading', { id: (event.data as { jobId: string }).jobId });
      },
    };
    const projections = runner({ projections: [reading], retry: { initialDelayMs: 10, maxDelayMs: 20 } });
    await projections.start();
    await projections.waitFor(await givenJob('a', 'running'), 5_000);
    expect(await allDocuments(stores.readStore, 'reading')).toEqual([{ id: 'a' }]);
    expect(await parkedIn('reading')).toEqual([]);
  });

  it("folds a parked event again on an operator's retry, keeps it parked when it fails again, and closes it on a skip", async () => {
    // Given two parked events
    const poisonable = { value: true };
    const projections = runner({ projections: [fragileProjection(poisonable)] });
    await projections.start();
    const first = await givenPoison('p1');
    const second = await givenPoison('p2', 't2');
    await projections.waitFor(second.position, 5_000);
    expect((await parkedIn('fragile')).map((doc) => doc.status)).toEqual(['parked', 'parked']);

    // When an operator retries the first before the projection is fixed
    await projections.waitFor(await givenOperatorRequest('ParkedEventRetryRequested', 'fragile', first.position, first.id), 5_000);

    // Then it stays parked, with a second attempt counted
    expect(await projections.parkedEvents.get(`fragile:${first.position}`)).toMatchObject({ status: 'parked', attempts: 2, error: 'Error: cannot parse title' });

    // When the projection is fixed, the first is retried and the second skipped
    poisonable.value = false;
    await givenOperatorRequest('ParkedEventRetryRequested', 'fragile', first.position, first.id);
    const head = await givenOperatorRequest('ParkedEventSkipped', 'fragile', second.position, second.id);
    await projections.waitFor(head, 5_000);

    // Then the first is in the read model and marked retried by the operator; the second is skipped and left out
    expect(await allDocuments(stores.readStore, 'fragile_jobs')).toEqual([{ id: 'p1', title: 'poison pill p1' }]);
    expect(await projections.parkedEvents.get(`fragile:${first.position}`)).toMatchObject({ status: 'retried', attempts: 3, resolvedBy: 'ops-ada', resolvedAt: '2026-01-01T00:00:00.000Z' });
    expect(await projections.parkedEvents.get(`fragile:${second.position}`)).toMatchObject({ status: 'skipped', attempts: 1, resolvedBy: 'ops-ada', reason: 'not needed' });
    expect((await projections.health())[0]).toMatchObject({ projection: 'fragile', parked: 0 });

    // And a request for another projection's event, or one already decided, changes nothing
    await projections.waitFor(await givenOperatorRequest('ParkedEventSkipped', 'fragile', first.position, first.id), 5_000);
    expect(await projections.parkedEvents.get(`fragile:${first.position}`)).toMatchObject({ status: 'retried' });
  });

  it('a rebuild parks again what still fails and replays the operators\' decisions', async () => {
    const poisonable = { value: true };
    const projections = runner({ projections: [fragileProjection(poisonable)] });
    await projections.start();
    const poison = await givenPoison('p');
    await givenJob('a', 'running');
    await projections.waitFor(await givenOperatorRequest('ParkedEventSkipped', 'fragile', poison.position, poison.id), 5_000);
    const before = { readModel: await allDocuments(stores.readStore, 'fragile_jobs'), parked: await parkedIn('fragile') };

    await projections.rebuild('fragile');

    expect(await allDocuments(stores.readStore, 'fragile_jobs')).toEqual(before.readModel);
    expect((await parkedIn('fragile')).map((doc) => [doc.id, doc.status, doc.reason])).toEqual(before.parked.map((doc) => [doc.id, doc.status, doc.reason]));
  });

  it('rebuilds a read model from position zero to the same state', async () => {
    // Given folded read models, one of them damaged behind the projection's back
    for (const [i, outcome] of (['finished', 'cancelled', 'running'] as const).entries()) await givenJob(`j${i}`, outcome);
    const projections = runner();
    await projections.start();
    await projections.waitFor(await stores.eventStore.headPosition(), 5_000);
    const before = await readModels();
    const checkpoint = await stores.readStore.getCheckpoint('tenant-job-counts');
    await stores.readStore.commit('tenant-job-counts', [{ kind: 'upsert', collection: 'tenant_job_counts', doc: { id: 't1', queued: 999, finished: 0 }, position: Number.MAX_SAFE_INTEGER }], checkpoint!);

    // When it is rebuilt
    await projections.rebuild('tenant-job-counts');

    // Then it matches what the live fold produced, and keeps following the log
    expect(await readModels()).toEqual(before);
    expect(await stores.readStore.getCheckpoint('tenant-job-counts')).toEqual({ position: await stores.eventStore.headPosition(), version: 1 });
    await projections.waitFor(await givenJob('next', 'finished'), 5_000);
    expect(await stores.readStore.collection('tenant_job_counts').get('t1')).toEqual({ id: 't1', queued: 4, finished: 2 });
  });

  it('rebuilds on start, from position zero, a read model that another version of its fold built, and only that one', async () => {
    // Given read models folded by version 1 of every projection, one of them damaged behind the runner's back
    await givenJob('a', 'finished');
    await givenJob('b', 'running', 't2');
    const head = await stores.eventStore.headPosition();
    const before = runner();
    await before.start();
    await before.waitFor(head, 5_000);
    await before.stop();
    const damaged = { id: 't1', queued: 999, finished: 0 };
    await stores.readStore.commit('tenant-job-counts', [{ kind: 'upsert', collection: 'tenant_job_counts', doc: damaged, position: Number.MAX_SAFE_INTEGER }], { position: head, version: 1 });

    // When the runner starts with version 2 of the jobs fold, which writes titles in capitals
    const capitals: Projection = {
      ...jobsProjection,
      version: 2,
      handle: (event, context) => jobsProjection.handle(event.type === 'JobQueued' ? { ...event, data: { ...(event.data as object), title: (event.data as { title: string }).title.toUpperCase() } } : event, context),
    };
    const after = runner({ projections: [capitals, tenantJobCountsProjection, tenantNamesProjection] });
    await after.start();
    await after.waitFor(head, 5_000);

    // Then the jobs read model was folded again by version 2, with its checkpoint; the others were left alone
    expect((await allDocuments(stores.readStore, 'jobs')).map((job) => job.title)).toEqual(['MAX-CUT A', 'MAX-CUT B']);
    expect(await stores.readStore.getCheckpoint('jobs')).toEqual({ position: head, version: 2 });
    expect(await stores.readStore.collection('tenant_job_counts').get('t1')).toEqual(damaged);
    expect(await stores.readStore.getCheckpoint('tenant-job-counts')).toEqual({ position: head, version: 1 });
  });

  it('waits for a write to reach every read model, and times out naming the laggards', async () => {
    // Given a running runner with one projection stuck in a batch
    const stuck = gatedProjection('stuck-audit');
    const projections = runner({ projections: [...PROJECTIONS, stuck.projection] });
    await projections.start();

    // When a job is written
    const position = await givenJob('a', 'finished');

    // Then, once the healthy projections have it, waiting for it times out with a message naming the stuck projection only
    await stuck.entered;
    await eventually(async () => expect((await projections.lag()).filter((entry) => entry.lag > 0).map((entry) => entry.projection)).toEqual(['stuck-audit']));
    const started = Date.now();
    const error = await projections.waitFor(position, 150).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(error).toBeInstanceOf(ProjectionsLaggingError);
    expect((error as ProjectionsLaggingError).lagging.map((entry) => entry.projection)).toEqual(['stuck-audit']);
    expect((error as Error).message).toBe(`Read models did not reach position ${position} within 150 ms: stuck-audit (at 0, running)`);

    // And the lag shows who is behind and by how much
    const lag = await projections.lag();
    expect(lag.map((entry) => [entry.projection, entry.headPosition, entry.lag])).toEqual([
      ['jobs', position, 0],
      ['tenant-job-counts', position, 0],
      ['tenant-names', position, 0],
      ['stuck-audit', position, position],
    ]);
    expect(lag[0].msSinceLastCommit).toBeGreaterThanOrEqual(0);

    // When the projection gets going again, the same wait resolves and the write is readable
    stuck.open();
    await projections.waitFor(position, 5_000);
    expect(await stores.readStore.collection('stuck_audit').count()).toBe(3);
  });

  it('answers a write as soon as the read models have it (read-your-writes)', async () => {
    const projections = runner();
    await projections.start();
    for (let i = 0; i < 20; i++) {
      const id = randomUUID();
      const position = await givenJob(id, 'running');
      await projections.waitFor(position, 2_000);
      expect(await stores.readStore.collection('jobs').get(id)).toMatchObject({ state: 'running' });
    }
  });

  it('drains the batch in hand when stopped', async () => {
    // Given a projection in the middle of a batch
    const slow = gatedProjection('slow-audit');
    const projections = runner({ projections: [slow.projection] });
    await projections.start();
    const queued = jobEvent({ type: 'JobQueued', data: { jobId: 'a', tenantId: 't1', title: 'one event, one batch' } });
    const { position } = await stores.eventStore.append('job-a', [queued], 'no-stream');
    await slow.entered;

    // When the runner is stopped while the batch is in flight
    const stopped = projections.stop();
    slow.open();
    await stopped;

    // Then the batch was committed before the subscription closed
    expect(await stores.readStore.getCheckpoint('slow-audit')).toEqual({ position, version: 1 });
    expect(await stores.readStore.collection('slow_audit').count()).toBe(1);
    expect((await projections.lag())[0].state).toBe('stopped');
  });
});
