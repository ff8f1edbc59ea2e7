import { parseExposition, samples } from '../../test/support/metric-series';
import type { ProjectionHealth } from '../health/health-report';
import { projectionViews, registry, solverPools } from './metrics';

const projection = (name: string, lag: number, parked: number): ProjectionHealth => ({ projection: name, observed: true, state: 'running', checkpoint: 10 - lag, headPosition: 10, lag, parked });

async function scrape() {
  return parseExposition(await registry.metrics());
}

describe('gauges read when Prometheus scrapes', () => {
  it('report each projection\'s lag and parked events while its runner is observed, and nothing once it stopped', async () => {
    // given a runner's view of its projections
    const unobserve = projectionViews.add(async () => [projection('tenants', 0, 0), projection('audit-entries', 4, 2)]);

    // when scraped
    const running = await scrape();

    // then
    expect(samples(running, 'goliath_projection_lag').map(({ labels, value }) => [labels.projection, value])).toEqual([['tenants', 0], ['audit-entries', 4]]);
    expect(samples(running, 'goliath_projection_parked_events', { projection: 'audit-entries' })[0].value).toBe(2);

    // and once the runner stopped
    unobserve();
    expect(samples(await scrape(), 'goliath_projection_lag')).toEqual([]);
  });

  it('leaves out a view that fails instead of failing the scrape', async () => {
    const unobserve = projectionViews.add(async () => {
      throw new Error('the database connection is not open');
    });
    try {
      expect(samples(await scrape(), 'goliath_projection_lag')).toEqual([]);
    } finally {
      unobserve();
    }
  });

  it('report each solver pool\'s size, busy and queued figures, summed over the pools of one name', async () => {
    // given two job runners' pools and the synchronous gate in one process
    const stops = [
      solverPools.add({ pool: 'solve-jobs', load: () => ({ size: 4, busy: 4, queued: 3 }) }),
      solverPools.add({ pool: 'solve-jobs', load: () => ({ size: 2, busy: 1, queued: 0 }) }),
      solverPools.add({ pool: 'synchronous', load: () => ({ size: 2, busy: 0, queued: 0 }) }),
    ];

    // when scraped
    const scraped = await scrape();
    stops.forEach((stop) => stop());

    // then
    const figures = (name: string) => Object.fromEntries(samples(scraped, name).map(({ labels, value }) => [labels.pool, value]));
    expect(figures('goliath_solver_pool_size')).toEqual({ 'solve-jobs': 6, synchronous: 2 });
    expect(figures('goliath_solver_pool_busy')).toEqual({ 'solve-jobs': 5, synchronous: 0 });
    expect(figures('goliath_solver_pool_queued')).toEqual({ 'solve-jobs': 3, synchronous: 0 });
  });
});
