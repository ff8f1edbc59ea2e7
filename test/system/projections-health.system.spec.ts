import { execFile } from 'node:child_process';
import { eventually } from '../support/eventually';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../platform/project-root';
import { poisonWriter, type PoisonWriter } from '../support/poison-events';
import { freePort, processEnv, spawnProcess, waitForHttp, type SpawnedProcess } from '../support/spawned-process';

jest.setTimeout(120_000);

const run = promisify(execFile);
const dist = (...path: string[]) => join(projectRoot(), 'dist', ...path);

interface HealthAnswer {
  readonly status: number;
  readonly body: { process?: string; status: string; ready?: boolean; reasons?: string[]; projections?: { projection: string; state: string; parked: number }[] };
}

/**
 * The projections process as docker-compose starts it (`node dist/app/start-projections.js`): it
 * serves nothing but its health on HEALTH_PORT, and compose's healthcheck is
 * http://127.0.0.1:$HEALTH_PORT/readyz.
 */
describe('the projections process (dist/app/start-projections.js) answers /livez, /readyz and /health on HEALTH_PORT', () => {
  let dataDir: string;
  let poison: PoisonWriter;
  const processes: SpawnedProcess[] = [];

  const start = async (env: NodeJS.ProcessEnv = {}) => {
    const port = await freePort();
    const started = spawnProcess('projections', process.execPath, [dist('app', 'start-projections.js')], processEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'warn', HEALTH_PORT: String(port), ...env }), projectRoot());
    processes.push(started);
    const url = `http://127.0.0.1:${port}`;
    await waitForHttp(`${url}/livez`, started, 60_000);
    return { started, url };
  };
  const get = async (url: string): Promise<HealthAnswer> => {
    const response = await fetch(url);
    return { status: response.status, body: (await response.json()) as HealthAnswer['body'] };
  };
  const cli = async (...args: string[]) => JSON.parse((await run(process.execPath, [dist('cli', 'goliath.js'), 'projections', ...args], { env: processEnv({ DATA_DIR: dataDir }) })).stdout) as Record<string, unknown>;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'goliath-projections-'));
    poison = poisonWriter(dataDir, async () => true);
  });

  afterAll(async () => {
    await poison.close();
    await Promise.all(processes.map((started) => started.stop('SIGKILL')));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is alive, ready once caught up, degraded with the reason while an event is parked, ok again once an operator skips it, and stops cleanly', async () => {
    // given the process on a new data folder
    const { started, url } = await start();

    // then it is alive, ready and ok, every projection running
    expect(await get(`${url}/livez`)).toEqual({ status: 200, body: { process: 'projections', status: 'alive' } });
    await eventually(async () => expect(await get(`${url}/readyz`)).toMatchObject({ status: 200, body: { status: 'ready' } }), 20_000, 100);
    const healthy = await get(`${url}/health`);
    expect(healthy).toMatchObject({ status: 200, body: { process: 'projections', status: 'ok', ready: true, reasons: [] } });
    expect(healthy.body.projections!.map((projection) => projection.state)).toEqual(healthy.body.projections!.map(() => 'running'));

    // when another process stores an event the tenants read model cannot fold
    const { parkedId } = await poison.parkPoisonEvent('acme');

    // then health says degraded with the reason, still ready (the projection went on)
    await eventually(async () =>
      expect(await get(`${url}/health`)).toMatchObject({ status: 200, body: { status: 'degraded', ready: true, reasons: [expect.stringMatching(/^projection tenants has 1 parked event/)] } }), 20_000, 100);
    expect(await get(`${url}/readyz`)).toMatchObject({ status: 200, body: { status: 'ready' } });

    // when an operator skips it with the CLI, the running process acts on it, and health is ok again
    expect(await cli('skip', parkedId, '--reason', 'system test')).toMatchObject({ id: parkedId, applied: true, record: { status: 'skipped', reason: 'system test' } });
    await eventually(async () => expect(await get(`${url}/health`)).toMatchObject({ status: 200, body: { status: 'ok' } }), 20_000, 100);

    // and SIGTERM stops it with exit 0
    expect((await started.stop('SIGTERM')).code).toBe(0);
  });

  it('in production shows statuses only, without a platform-admin token', async () => {
    const { url } = await start({ NODE_ENV: 'production' });
    await eventually(async () => expect(await get(`${url}/readyz`)).toEqual({ status: 200, body: { process: 'projections', status: 'ready' } }), 20_000, 100);
    expect(await get(`${url}/health`)).toEqual({ status: 200, body: { process: 'projections', status: 'ok', ready: true } });
  });
});
