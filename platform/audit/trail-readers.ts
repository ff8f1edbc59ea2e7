import { canAccessTenant, hasRole, type AuthContext } from '../auth/auth-context';
import { PLATFORM_AUDIT_TENANT } from './describe-mutation';

/**
 * Who reads a trail: a tenant's, whoever may reach the tenant; the platform's (where calls with no
 * verified caller are filed), platform administrators and the auditors of the operators' tenant
 * (PLATFORM_OPERATOR_TENANT), who answer for the platform as a whole.
 */
export function canReadTrail(auth: AuthContext, tenantId: string, operatorTenantId: string | undefined): boolean {
  if (canAccessTenant(auth, tenantId)) return true;
  return tenantId === PLATFORM_AUDIT_TENANT && operatorTenantId !== undefined && auth.tenantId === operatorTenantId && hasRole(auth, 'AUDITOR');
}
