import express from 'express';
import { createServer } from 'node:http';
import type { MetricsSettings } from '../config';
import { close, httpUrl, listen } from '../http/listen';
import { metricsExposition } from './metrics-route';

export interface RunningMetricsServer {
  /** `http://host:port/metrics`. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * METRICS_PORT: /metrics on a port of its own, bound to HOST, for a network only Prometheus
 * reaches (docker-compose publishes it nowhere); METRICS_TOKEN still applies when set.
 */
export async function startMetricsServer(host: string, port: number, settings: Pick<MetricsSettings, 'token'>): Promise<RunningMetricsServer> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metricsExposition(settings.token));
  const server = createServer(app);
  const boundPort = await listen(server, port, host);
  return {
    url: httpUrl(host, boundPort, '/metrics'),
    stop: () => close(server),
  };
}
