import express, { type Request } from 'express';
import { hasRole } from '../auth/auth-context';
import { bearerToken } from '../auth/platform-token';
import type { VerifyToken } from '../auth/verified-token-cache';
import type { HealthCheck } from './health-check';
import type { HealthReport } from './health-report';

export interface HealthRoutesOptions {
  readonly check: HealthCheck;
  /**
   * In production the reasons, stores and projections (errors, tenants' event ids, positions) are
   * shown only to a platform-admin's token; statuses are shown to anyone, for orchestrators.
   */
  readonly detailsNeedToken: boolean;
  readonly verifyToken?: VerifyToken;
  /** Fields that name this process in `/health`, e.g. `{ subgraph: 'enterprise' }`. */
  readonly identity?: Readonly<Record<string, string>>;
}

/**
 * `/livez`: the process answers (restart it when it does not). `/readyz`: its stores answer and
 * the projections are caught up (send it traffic, or let what depends on it start). `/health`:
 * `ok`, `degraded` or `down` with the reasons.
 */
export function healthRoutes(options: HealthRoutesOptions): express.Router {
  const router = express.Router();
  const identity = options.identity ?? {};
  router.get('/livez', (_request, response) => {
    response.set('Cache-Control', 'no-store').json({ ...identity, status: 'alive' });
  });
  router.get('/readyz', async (request, response) => {
    const [report, details] = await Promise.all([checked(options.check), mayShowDetails(request, options)]);
    response
      .status(report.ready ? 200 : 503)
      .set('Cache-Control', 'no-store')
      .json({ ...identity, status: report.ready ? 'ready' : 'not-ready', ...(details && { reasons: report.reasons }) });
  });
  router.get('/health', async (request, response) => {
    const [report, details] = await Promise.all([checked(options.check), mayShowDetails(request, options)]);
    const { status, ready, ...rest } = report;
    response
      .status(status === 'down' ? 503 : 200)
      .set('Cache-Control', 'no-store')
      .json({ ...identity, status, ready, ...(details && rest) });
  });
  return router;
}

async function checked(check: HealthCheck): Promise<HealthReport> {
  try {
    return await check();
  } catch (error) {
    const reason = `the health check failed: ${error instanceof Error ? error.message : String(error)}`;
    return { status: 'down', ready: false, reasons: [reason], stores: [], projections: [], checkedAt: new Date().toISOString() };
  }
}

async function mayShowDetails(request: Request, options: HealthRoutesOptions): Promise<boolean> {
  if (!options.detailsNeedToken) return true;
  try {
    const token = bearerToken(request.header('authorization'));
    return token !== undefined && options.verifyToken !== undefined && hasRole(await options.verifyToken(token), 'PLATFORM_ADMIN');
  } catch {
    // A malformed, forged or expired token sees what anyone sees.
    return false;
  }
}
