import { randomUUID } from 'node:crypto';
import { NO_UPCASTERS } from '../platform/eventstore/upcasting';
import type { ReadStore } from '../platform/readstore/port';
import type { Projection } from './projection';
import { ProjectionsLaggingError } from './projections-lagging-error';
import { ProjectionRunner } from './runner';
import {
  allDocuments,
  eventually,
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

  function runner(options: { projections?: readonly Projection[]; readStore?: ReadStore; batchSize?: number; logger?: ReturnType<typeof recordingLogger> } = {}): ProjectionRunner {
    const created = new ProjectionRunner({
      eventStore: stores.eventStore,
      readStore: options.readStore ?? stores.readStore,
      projections: options.projections ?? PROJECTIONS,
      upcasters: NO_UPCASTERS,
      logger: options.logger ?? recordingLogger(),
      batchSize: options.batchSize,
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
    expect(await stores.readStore.getCheckpoint('tenant-names')).toBe(position);
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

  it('stops a projection whose handler throws, logs why, keeps the others running, and resumes without skipping after a restart', async () => {
    // Given a projection that cannot handle titles containing "poison" yet
    let poisonable = true;
    const fragile: Projection = {
      name: 'fragile',
      collections: [{ name: 'fragile_jobs', indexes: [] }],
      filter: { eventTypes: ['JobQueued'] },
      handle(event, context) {
        const { jobId, title } = event.data as { jobId: string; title: string };
        if (poisonable && title.includes('poison')) throw new Error('cannot parse title');
        context.upsert('fragile_jobs', { id: jobId, title });
      },
    };
    const logger = recordingLogger();
    const projections = runner({ projections: [...PROJECTIONS, fragile], logger });
    await projections.start();
    await projections.waitFor(await givenJob('a', 'finished'), 5_000);

    // When it meets the poison event, followed by a healthy one
    const poison = jobEvent({ type: 'JobQueued', data: { jobId: 'p', tenantId: 't1', title: 'poison pill' } });
    const poisonPosition = (await stores.eventStore.append('job-p', [poison], 'no-stream')).position;
    const head = await givenJob('z', 'finished');

    // Then waiting for the head fails at once, naming the failed projection
    const waited = projections.waitFor(head, 5_000);
    await expect(waited).rejects.toBeInstanceOf(ProjectionsLaggingError);
    await expect(waited).rejects.toThrow(/fragile \(at \d+, failed: Projection fragile failed on JobQueued \(stream job-p, position \d+\): cannot parse title\)/);

    // And the error is logged with the projection, event type, stream and position
    expect(logger.errors).toHaveLength(1);
    expect(logger.errors[0].obj).toMatchObject({ projection: 'fragile', eventType: 'JobQueued', streamId: 'job-p', position: poisonPosition, eventId: poison.id });
    expect(logger.errors[0].obj.err).toEqual(new Error('cannot parse title'));

    // And the other projections carry on to the head; the failed batch was not committed
    await eventually(async () => {
      const others = (await projections.lag()).filter((entry) => entry.projection !== 'fragile');
      expect(others.map((entry) => [entry.projection, entry.lag, entry.state])).toEqual([
        ['jobs', 0, 'running'],
        ['tenant-job-counts', 0, 'running'],
        ['tenant-names', 0, 'running'],
      ]);
    });
    const lag = await projections.lag();
    expect(lag.find((entry) => entry.projection === 'fragile')).toMatchObject({ state: 'failed', error: expect.stringContaining('cannot parse title') });
    expect(await stores.readStore.getCheckpoint('fragile')).toBeLessThan(poisonPosition);
    expect(await stores.readStore.collection('jobs').get('z')).toMatchObject({ state: 'finished' });

    // When the projection is fixed and the process restarts
    await projections.stop();
    poisonable = false;
    const restarted = runner({ projections: [...PROJECTIONS, fragile], readStore: stores.reopenReadStore() });
    await restarted.start();
    await restarted.waitFor(head, 5_000);

    // Then it resumed at the failed event: nothing skipped
    expect((await allDocuments(stores.readStore, 'fragile_jobs')).map((doc) => doc.id)).toEqual(['a', 'p', 'z']);
  });

  it('rebuilds a read model from position zero to the same state', async () => {
    // Given folded read models, one of them damaged behind the projection's back
    for (const [i, outcome] of (['finished', 'cancelled', 'running'] as const).entries()) await givenJob(`j${i}`, outcome);
    const projections = runner();
    await projections.start();
    await projections.waitFor(await stores.eventStore.headPosition(), 5_000);
    const before = await readModels();
    const checkpoint = await stores.readStore.getCheckpoint('tenant-job-counts');
    await stores.readStore.commit('tenant-job-counts', [{ kind: 'upsert', collection: 'tenant_job_counts', doc: { id: 't1', queued: 999, finished: 0 }, position: Number.MAX_SAFE_INTEGER }], checkpoint ?? 0);

    // When it is rebuilt
    await projections.rebuild('tenant-job-counts');

    // Then it matches what the live fold produced, and keeps following the log
    expect(await readModels()).toEqual(before);
    expect(await stores.readStore.getCheckpoint('tenant-job-counts')).toBe(await stores.eventStore.headPosition());
    await projections.waitFor(await givenJob('next', 'finished'), 5_000);
    expect(await stores.readStore.collection('tenant_job_counts').get('t1')).toEqual({ id: 't1', queued: 4, finished: 2 });
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
    expect(await stores.readStore.getCheckpoint('slow-audit')).toBe(position);
    expect(await stores.readStore.collection('slow_audit').count()).toBe(1);
    expect((await projections.lag())[0].state).toBe('stopped');
  });
});
