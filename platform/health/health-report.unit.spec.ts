import { assessHealth, type ProjectionHealth, type StoreHealth } from './health-report';

const store = (name: string, reachable = true): StoreHealth => ({ store: name, reachable, latencyMs: 1, ...(!reachable && { error: 'SQLITE_CANTOPEN: unable to open database file' }) });
const projection = (name: string, fields: Partial<ProjectionHealth> = {}): ProjectionHealth => ({
  projection: name,
  observed: true,
  state: 'running',
  checkpoint: 10,
  headPosition: 10,
  lag: 0,
  parked: 0,
  ...fields,
});
const settings = { readyMaxLag: 100 };
const now = new Date('2026-01-01T00:00:00Z');

describe('health of a process', () => {
  it('is ok and ready when its stores answer and its projections are caught up', () => {
    expect(assessHealth([store('event store'), store('read store')], [projection('tenants'), projection('audit-chain', { lag: 100 })], settings, now)).toEqual({
      status: 'ok',
      ready: true,
      reasons: [],
      stores: [store('event store'), store('read store')],
      projections: [projection('tenants'), projection('audit-chain', { lag: 100 })],
      checkedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('is degraded but ready when a projection has parked events, naming it', () => {
    const report = assessHealth([store('read store')], [projection('tenants', { parked: 2 }), projection('identity')], settings, now);
    expect(report).toMatchObject({ status: 'degraded', ready: true, reasons: ['projection tenants has 2 parked events (list them with `goliath projections parked`)'] });
  });

  it('is degraded when a projection is retrying, with its last error', () => {
    const retrying = projection('tenants', { state: 'retrying', error: 'SqliteError (SQLITE_BUSY): database is locked', retry: { attempts: 3, since: '2026-01-01T00:00:00Z' } });
    expect(assessHealth([store('read store')], [retrying], settings, now)).toMatchObject({
      status: 'degraded',
      ready: true,
      reasons: ['projection tenants is retrying (attempt 3): SqliteError (SQLITE_BUSY): database is locked'],
    });
  });

  it('is degraded and not ready while a projection is further behind the log than allowed', () => {
    expect(assessHealth([store('read store')], [projection('tenants', { lag: 101, checkpoint: 9, headPosition: 110 })], settings, now)).toMatchObject({
      status: 'degraded',
      ready: false,
      reasons: ['projection tenants is 101 behind the log (caught up means at most 100)'],
    });
  });

  it('is degraded and not ready when a projection this process runs is stopped, but not when another process runs it', () => {
    expect(assessHealth([], [projection('tenants', { state: 'stopped' })], settings, now)).toMatchObject({ status: 'degraded', ready: false, reasons: ['projection tenants is stopped'] });
    expect(assessHealth([], [projection('tenants', { observed: false, state: 'unknown' })], settings, now).status).toBe('ok');
  });

  it('is down and not ready when a store does not answer', () => {
    expect(assessHealth([store('event store'), store('read store', false)], [projection('tenants')], settings, now)).toMatchObject({
      status: 'down',
      ready: false,
      reasons: ['the read store does not answer: SQLITE_CANTOPEN: unable to open database file'],
    });
  });

  it('is degraded and not ready when the projections cannot be looked at', () => {
    expect(assessHealth([store('read store')], { error: 'no answer within 2000 ms' }, settings, now)).toMatchObject({
      status: 'degraded',
      ready: false,
      reasons: ['the projections cannot be looked at: no answer within 2000 ms'],
      projections: [],
    });
  });
});
