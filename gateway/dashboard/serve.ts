import express, { type Router } from 'express';
import { join } from 'node:path';
import { projectRoot } from '../../platform/project-root';
import { bundledPage } from '../bundled-page';
import { DASHBOARD_ASSETS_PATH, DASHBOARD_PAGE_PREFIX, tenantIdFromPath } from './dashboard-route';

/**
 * The page may load its own script and stylesheet and talk to its own origin's /graphql, nothing
 * else: no inline script or style (the SVG it draws uses presentation attributes only), no form
 * submission at all (the sign-in form is handled by the script, so a token can never end up in a
 * URL even if the script fails), no framing by other sites.
 */
const PAGE_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** `dist/dashboard` of this package, where scripts/build-dashboard.mjs writes the bundle. */
export function defaultDashboardDistDir(): string {
  return join(projectRoot(__dirname), 'dist', 'dashboard');
}

/**
 * Serves the dashboard bundle: the page at /dashboard/scaling/<tenant> and its content-hashed
 * assets under /dashboard/assets/. The page is the same static HTML for every tenant and holds no
 * data, so it needs no authentication itself; its script fetches the data with the user's token.
 */
export function dashboardRouter(distDir: string): Router {
  const page = bundledPage({
    distDir,
    securityPolicy: PAGE_SECURITY_POLICY,
    missing: (indexFile) => `The scaling dashboard is not built: ${indexFile} is missing. Run \`npm run build\` (or node scripts/build-dashboard.mjs).`,
  });
  const router = express.Router();
  router.get(`${DASHBOARD_PAGE_PREFIX}:tenantId`, (req, res, next) => {
    // A path that cannot name a tenant is not a dashboard page: 404 from whatever comes next.
    if (tenantIdFromPath(req.path) === null) return next();
    page.requireBundle(req, res, () => page.sendPage(res));
  });
  router.use(DASHBOARD_ASSETS_PATH, page.requireBundle, page.assets);

  return router;
}
