import { createServer } from 'node:net';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logging';
import { withMetricsPort } from './metrics-port';

/** A port free a moment ago (METRICS_PORT takes no 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('METRICS_PORT', () => {
  it('serves the process\'s metrics on their own port from before the process starts until after it stopped', async () => {
    // given a process started with METRICS_PORT and METRICS_TOKEN
    const port = await freePort();
    const token = 'port-metrics-token-0123456789';
    const config = loadConfig({ NODE_ENV: 'production', HOST: '127.0.0.1', METRICS_PORT: String(port), METRICS_TOKEN: token });
    const url = `http://127.0.0.1:${port}/metrics`;
    const seenWhileStarting: number[] = [];
    const stop = await withMetricsPort(async () => {
      seenWhileStarting.push((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status);
      return async () => {};
    })(config, createLogger('test', 'silent'));

    // then
    expect(seenWhileStarting).toEqual([200]);
    expect((await fetch(url)).status).toBe(401);

    // when it stops, then the port is closed
    await stop();
    await expect(fetch(url)).rejects.toThrow();
  });
});
