import { loadConfig } from '../platform/config';
import type { EventStore } from '../platform/eventstore/port';
import { createSqliteReadStore } from '../platform/readstore/sqlite';
import type { ProjectionRunner } from '../projections/runner';
import { projectionsProcessHealth, standbyRunnerView } from './process-health';

describe('a projections process standing by', () => {
  const readStore = createSqliteReadStore({ file: ':memory:' });
  const config = loadConfig({ READY_MAX_PROJECTION_LAG: '0' });
  let head = 0;
  const eventStore = { headPosition: async () => head } as EventStore;
  const runner = { health: async () => [{ projection: 'tenants', observed: true, state: 'running', checkpoint: head, headPosition: head, lag: 0, parked: 0 }] } as unknown as ProjectionRunner;
  afterAll(() => readStore.close());

  const healthOf = (running: boolean) => projectionsProcessHealth(config, eventStore, readStore, standbyRunnerView(eventStore, readStore, runner, () => running)).check();

  it('given another replica keeping the projections caught up, then it shows them as standby and is ready', async () => {
    head = 0;
    const report = await healthOf(false);
    expect(report.projections.length).toBeGreaterThan(0);
    expect(report.projections.every((projection) => projection.state === 'standby' && !projection.observed)).toBe(true);
    expect([report.status, report.ready]).toEqual(['ok', true]);
  });

  it('given no replica running the projections, then it is not ready and says which fall behind', async () => {
    head = 5;
    const report = await healthOf(false);
    expect(report.ready).toBe(false);
    expect(report.reasons.join('\n')).toContain('behind the log');
  });

  it('given it holds the lock, then it reports the runner first-hand', async () => {
    head = 5;
    const report = await healthOf(true);
    expect(report.projections).toEqual([expect.objectContaining({ projection: 'tenants', observed: true, state: 'running' })]);
    expect(report.ready).toBe(true);
  });
});
