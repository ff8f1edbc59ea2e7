import express from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MetricsSettings } from '../config';
import { registry } from './metrics';

/**
 * GET /metrics beside a process's other routes (the gateway, a subgraph, the projections'
 * health port) when the settings serve it there; a 404 otherwise, so production shows nothing
 * without METRICS_TOKEN.
 */
export function metricsRoute(settings: MetricsSettings): express.Router {
  const router = express.Router();
  router.get('/metrics', settings.onServicePorts ? metricsExposition(settings.token) : notServedHere);
  return router;
}

/** The registry in Prometheus's text format, to a caller with the token when there is one. */
export function metricsExposition(token: string | undefined): express.RequestHandler {
  return async (request, response) => {
    if (token !== undefined && !presents(request.header('authorization'), token)) {
      response.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').type('text/plain').send('Send "Authorization: Bearer <METRICS_TOKEN>" to read the metrics.\n');
      return;
    }
    response.set('Content-Type', registry.contentType).set('Cache-Control', 'no-store').send(await registry.metrics());
  };
}

const notServedHere: express.RequestHandler = (_request, response) => {
  response.status(404).type('text/plain').send('Metrics are not served here: set METRICS_TOKEN to read them with it, or METRICS_PORT to serve them on a port of their own.\n');
};

/** Compared as digests, so neither the token's length nor its content leaks through timing. */
function presents(authorization: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(\S+)$/i.exec(authorization?.trim() ?? '')?.[1] ?? '';
  return timingSafeEqual(digest(presented), digest(token));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
