import { canReadTrail } from '../../audit/trail-readers';
import { canAccessTenant, type AuthContext } from '../../auth/auth-context';
import type { ReadStore } from '../../readstore/port';
import { OperationTenants } from './operation-tenant';
import type { OperationName, OperationPermission, PermissionTable } from './permission-table';

/**
 * A subgraph's permission table, bound to the read store its tenant declarations look things up
 * in. The shield, the compliance guard and the audit middleware of the subgraph share one, so a
 * mutation's tenant is declared in one row and found once per call.
 */
export interface OperationPolicy {
  readonly table: PermissionTable;
  /** The tenant the operation's row declares for these arguments; undefined: the caller's own. */
  tenantOf(operation: OperationName, args: Readonly<Record<string, unknown>>): Promise<string | undefined>;
  /** Whether the caller may act on that tenant through the operation (the platform's trail has readers of its own). */
  mayReach(auth: AuthContext, operation: OperationName, tenantId: string): boolean;
}

export interface OperationPolicyOptions {
  /** PLATFORM_OPERATOR_TENANT: its auditors read the platform's trail. */
  readonly operatorTenantId?: string;
}

export function operationPolicy(table: PermissionTable, readStore: Pick<ReadStore, 'collection'>, options: OperationPolicyOptions = {}): OperationPolicy {
  const tenants = new OperationTenants(readStore);
  const permissionOf = (operation: OperationName): OperationPermission | undefined => (table as unknown as Record<string, OperationPermission | undefined>)[operation];
  return {
    table,
    async tenantOf(operation, args) {
      const permission = permissionOf(operation);
      return permission ? tenants.of(permission.tenant, args) : undefined;
    },
    mayReach(auth, operation, tenantId) {
      return permissionOf(operation)?.tenant.kind === 'trail' ? canReadTrail(auth, tenantId, options.operatorTenantId) : canAccessTenant(auth, tenantId);
    },
  };
}
