/** Where the gateway serves the scaling dashboard: one page per tenant, the same HTML for each. */
export const DASHBOARD_PAGE_PREFIX = '/dashboard/scaling/';
/** Its script and stylesheet, content-hashed by scripts/build-dashboard.mjs. */
export const DASHBOARD_ASSETS_PATH = '/dashboard/assets';

/** Tenant ids as the platform makes them (UUIDs) or operators choose them: letters, digits, `-` and `_`, as the sign-in routes accept. */
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

/** The tenant a dashboard path is for, or null when the path names none that could exist. */
export function tenantIdFromPath(pathname: string): string | null {
  if (!pathname.startsWith(DASHBOARD_PAGE_PREFIX)) return null;
  const tenantId = pathname.slice(DASHBOARD_PAGE_PREFIX.length);
  return TENANT_ID.test(tenantId) ? tenantId : null;
}
