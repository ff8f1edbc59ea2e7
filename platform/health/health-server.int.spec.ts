import type { AuthContext, Role } from '../auth/auth-context';
import { healthCheck, type StoreProbe } from './health-check';
import type { ProjectionHealth } from './health-report';
import { startHealthServer, type RunningHealthServer } from './health-server';

const caller = (role: Role): AuthContext => ({ subject: 'ada', roles: [role], tenantId: 'acme', tokenId: 't', authMethod: 'development' });
const TOKENS: Record<string, AuthContext> = { 'admin-token': caller('PLATFORM_ADMIN'), 'tenant-admin-token': caller('TENANT_ADMIN') };
const verifyToken = async (token: string) => {
  const auth = TOKENS[token];
  if (!auth) throw new Error('forged');
  return auth;
};

describe('/livez, /readyz and /health', () => {
  let readStoreAnswers = true;
  let projections: ProjectionHealth[] = [];
  const readStore: StoreProbe = { store: 'read store', probe: async () => (readStoreAnswers ? 0 : Promise.reject(new Error('SQLITE_CANTOPEN: unable to open database file'))) };
  const check = healthCheck({ stores: [readStore], projections: async () => projections, settings: { readyMaxLag: 10 }, timeoutMs: 200 });
  const servers: RunningHealthServer[] = [];
  const start = async (detailsNeedToken: boolean) => {
    const server = await startHealthServer('127.0.0.1', 0, { check, detailsNeedToken, verifyToken, identity: { process: 'projections' } });
    servers.push(server);
    return server.url;
  };
  const get = async (url: string, token?: string, authorization = token && `Bearer ${token}`) => {
    const response = await fetch(url, { headers: authorization ? { authorization } : {} });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const projection = (fields: Partial<ProjectionHealth>): ProjectionHealth => ({ projection: 'tenants', observed: true, state: 'running', checkpoint: 5, headPosition: 5, lag: 0, parked: 0, ...fields });

  beforeEach(() => {
    readStoreAnswers = true;
    projections = [projection({})];
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('sends no X-Powered-By', async () => {
    const url = await start(false);
    const answers = await Promise.all(['/livez', '/readyz', '/health'].map((path) => fetch(`${url}${path}`)));
    expect(answers.map((answer) => answer.headers.get('x-powered-by'))).toEqual([null, null, null]);
  });

  it('serves /metrics beside them when given the metrics settings (the projections process), and not otherwise', async () => {
    const withMetrics = await startHealthServer('127.0.0.1', 0, { check, detailsNeedToken: true }, { onServicePorts: true });
    servers.push(withMetrics);
    const metrics = await fetch(`${withMetrics.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE goliath_projection_lag gauge');
    expect((await fetch(`${await start(true)}/metrics`)).status).toBe(404);
  });

  it('answers /livez while the process runs, whatever its stores do', async () => {
    const url = await start(true);
    readStoreAnswers = false;
    expect(await get(`${url}/livez`)).toEqual({ status: 200, body: { process: 'projections', status: 'alive' } });
  });

  it('is ready (200) when the stores answer and the projections are caught up, and not (503) otherwise', async () => {
    const url = await start(false);
    expect(await get(`${url}/readyz`)).toEqual({ status: 200, body: { process: 'projections', status: 'ready', reasons: [] } });
    projections = [projection({ lag: 11, headPosition: 16 })];
    expect(await get(`${url}/readyz`)).toEqual({
      status: 503,
      body: { process: 'projections', status: 'not-ready', reasons: ['projection tenants is 11 behind the log (caught up means at most 10)'] },
    });
  });

  it('says degraded (200) with the reason when a projection has parked events, and down (503) when a store does not answer', async () => {
    const url = await start(false);
    projections = [projection({ parked: 1 })];
    const degraded = await get(`${url}/health`);
    expect(degraded).toMatchObject({ status: 200, body: { status: 'degraded', ready: true, reasons: [expect.stringMatching(/^projection tenants has 1 parked event/)], projections } });
    readStoreAnswers = false;
    expect(await get(`${url}/health`)).toMatchObject({ status: 503, body: { status: 'down', ready: false, stores: [{ store: 'read store', reachable: false }] } });
  });

  it('in production shows statuses to anyone and details only to a platform-admin', async () => {
    const url = await start(true);
    projections = [projection({ parked: 1 })];
    for (const anyone of [await get(`${url}/health`), await get(`${url}/health`, 'tenant-admin-token'), await get(`${url}/health`, 'forged-token'), await get(`${url}/health`, undefined, 'Basic abc')]) {
      expect(anyone).toEqual({ status: 200, body: { process: 'projections', status: 'degraded', ready: true } });
    }
    expect(await get(`${url}/readyz`)).toEqual({ status: 200, body: { process: 'projections', status: 'ready' } });
    const admin = await get(`${url}/health`, 'admin-token');
    expect(admin.body).toMatchObject({ status: 'degraded', reasons: [expect.stringMatching(/parked/)], projections, stores: [{ store: 'read store', reachable: true }] });
  });

  it('counts a store that does not answer in time as down', async () => {
    const slow = healthCheck({ stores: [{ store: 'read store', probe: () => new Promise(() => undefined) }], projections: async () => [], settings: { readyMaxLag: 0 }, timeoutMs: 50 });
    expect(await slow()).toMatchObject({ status: 'down', reasons: ['the read store does not answer: no answer within 50 ms'] });
  });
});
