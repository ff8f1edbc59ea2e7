import type { AuthContext } from '../../../../platform/auth/auth-context';
import { PLATFORM_AUDIT_TENANT } from '../../../../platform/audit/describe-mutation';

/** The tenant that owns what a caller creates: their own, or the platform's for a platform admin who belongs to none. */
export function ownTenantOf(auth: AuthContext): string {
  return auth.tenantId ?? PLATFORM_AUDIT_TENANT;
}
