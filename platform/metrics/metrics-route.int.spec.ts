import express from 'express';
import { createServer, type Server } from 'node:http';
import type { MetricsSettings } from '../config';
import { close, httpUrl, listen } from '../http/listen';
import { metricsRoute } from './metrics-route';
import { startMetricsServer } from './metrics-server';

const TOKEN = 'metrics-token-0123456789abcdef';

/** GET /metrics from a server that mounts the route with these settings. */
async function served(settings: MetricsSettings, authorization?: string): Promise<Response> {
  const app = express();
  app.use(metricsRoute(settings));
  const server: Server = createServer(app);
  try {
    const port = await listen(server, 0, '127.0.0.1');
    return await fetchMetrics(httpUrl('127.0.0.1', port, '/metrics'), authorization);
  } finally {
    await close(server);
  }
}

async function fetchMetrics(url: string, authorization?: string): Promise<Response> {
  const response = await fetch(url, { headers: authorization ? { authorization } : {} });
  await response.clone().text();
  return response;
}

describe('/metrics', () => {
  it('answers the registry in Prometheus\'s text format to anyone when no token is set (development)', async () => {
    const response = await served({ onServicePorts: true });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toContain('# TYPE goliath_gateway_requests_total counter');
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
  });

  it('answers only the bearer of METRICS_TOKEN when it is set', async () => {
    expect((await served({ token: TOKEN, onServicePorts: true })).status).toBe(401);
    expect((await served({ token: TOKEN, onServicePorts: true }, 'Bearer not-the-token')).status).toBe(401);
    expect((await served({ token: TOKEN, onServicePorts: true }, `Bearer ${TOKEN}`)).status).toBe(200);
  });

  it('is not found beside the other routes when the settings keep it off them (production without a token, or METRICS_PORT)', async () => {
    const response = await served({ onServicePorts: false }, `Bearer ${TOKEN}`);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('goliath_');
  });

  it('is served on METRICS_PORT\'s server of its own, with the token when there is one', async () => {
    // given
    const server = await startMetricsServer('127.0.0.1', 0, { token: TOKEN });
    try {
      // then
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect((await fetchMetrics(server.url)).status).toBe(401);
      const response = await fetchMetrics(server.url, `Bearer ${TOKEN}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('goliath_eventstore_append_duration_seconds');
    } finally {
      await server.stop();
    }
  });
});
