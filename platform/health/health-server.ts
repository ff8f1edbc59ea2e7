import express from 'express';
import { createServer } from 'node:http';
import type { MetricsSettings } from '../config';
import { close, httpUrl, listen } from '../http/listen';
import { metricsRoute } from '../metrics/metrics-route';
import { healthRoutes, type HealthRoutesOptions } from './health-routes';

export interface RunningHealthServer {
  /** `http://host:port`, without a path. */
  readonly url: string;
  stop(): Promise<void>;
}

/** `/livez`, `/readyz` and `/health` (and `/metrics`, given its settings) on a port of their own, for a process that serves nothing else (the projections). */
export async function startHealthServer(host: string, port: number, routes: HealthRoutesOptions, metrics?: MetricsSettings): Promise<RunningHealthServer> {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(routes));
  if (metrics) app.use(metricsRoute(metrics));
  const server = createServer(app);
  const boundPort = await listen(server, port, host);
  return {
    url: httpUrl(host, boundPort),
    stop: () => close(server),
  };
}
