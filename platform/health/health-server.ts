import express from 'express';
import { createServer } from 'node:http';
import { httpUrl, listen } from '../http/listen';
import { healthRoutes, type HealthRoutesOptions } from './health-routes';

export interface RunningHealthServer {
  /** `http://host:port`, without a path. */
  readonly url: string;
  stop(): Promise<void>;
}

/** `/livez`, `/readyz` and `/health` on a port of their own, for a process that serves nothing else (the projections). */
export async function startHealthServer(host: string, port: number, routes: HealthRoutesOptions): Promise<RunningHealthServer> {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(routes));
  const server = createServer(app);
  const boundPort = await listen(server, port, host);
  return {
    url: httpUrl(host, boundPort),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
