import type { Role } from '../../../platform/auth/auth-context';
import type { PermissionTable } from '../../../platform/graphql/permissions/permission-table';

const EVERY_ROLE: readonly Role[] = ['platform-admin', 'tenant-admin', 'analyst', 'developer', 'auditor', 'viewer'];
/** The audit trail is for those who answer for the tenant and those who check it, not for day-to-day users. */
const AUDIT_READERS: readonly Role[] = ['platform-admin', 'tenant-admin', 'auditor'];
/** Everyone who acts in a tenant may note something in its trail; a viewer only reads. */
const AUDIT_WRITERS: readonly Role[] = ['platform-admin', 'tenant-admin', 'analyst', 'developer', 'auditor'];

/** Who may call each enterprise operation (README, "Roles"); tenant scope is checked as well. */
export const ENTERPRISE_PERMISSIONS = {
  'Query.tenant': EVERY_ROLE,
  'Query.tenants': EVERY_ROLE,
  'Mutation.createTenant': ['platform-admin'],
  'Mutation.renameTenant': ['platform-admin', 'tenant-admin'],
  'Query.auditTrail': AUDIT_READERS,
  'Query.verifyAuditChain': AUDIT_READERS,
  'Mutation.recordAuditEntry': AUDIT_WRITERS,
} satisfies PermissionTable;
