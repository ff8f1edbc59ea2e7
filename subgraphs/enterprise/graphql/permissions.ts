import type { Role } from '../../../platform/auth/auth-context';
import { PUBLIC, type PermissionTable } from '../../../platform/graphql/permissions/permission-table';

const EVERY_ROLE: readonly Role[] = ['platform-admin', 'tenant-admin', 'analyst', 'developer', 'auditor', 'viewer'];
/** The audit trail is for those who answer for the tenant and those who check it, not for day-to-day users. */
const AUDIT_READERS: readonly Role[] = ['platform-admin', 'tenant-admin', 'auditor'];
/** Everyone who acts in a tenant may note something in its trail; a viewer only reads. */
const AUDIT_WRITERS: readonly Role[] = ['platform-admin', 'tenant-admin', 'analyst', 'developer', 'auditor'];
/** Who signs in, with what and with which roles is run by the tenant's admins and checked by its auditors. */
const IDENTITY_ADMINS: readonly Role[] = ['platform-admin', 'tenant-admin'];
const IDENTITY_READERS: readonly Role[] = ['platform-admin', 'tenant-admin', 'auditor'];

/** Who may call each enterprise operation (README, "Roles"); tenant scope is checked as well. */
export const ENTERPRISE_PERMISSIONS = {
  'Query.tenant': EVERY_ROLE,
  'Query.tenants': EVERY_ROLE,
  'Mutation.createTenant': ['platform-admin'],
  'Mutation.renameTenant': ['platform-admin', 'tenant-admin'],
  'Query.auditTrail': AUDIT_READERS,
  'Query.verifyAuditChain': AUDIT_READERS,
  'Mutation.recordAuditEntry': AUDIT_WRITERS,
  // Signing in is what gives a caller a token in the first place.
  'Mutation.authenticate': PUBLIC,
  'Mutation.refreshSession': PUBLIC,
  'Mutation.logout': EVERY_ROLE,
  'Mutation.revokeSession': IDENTITY_ADMINS,
  'Query.sessions': IDENTITY_READERS,
  'Query.identityProviders': IDENTITY_READERS,
  'Query.validateSamlConfig': IDENTITY_READERS,
  'Mutation.configureIdentityProvider': IDENTITY_ADMINS,
  'Mutation.removeIdentityProvider': IDENTITY_ADMINS,
  'Query.users': IDENTITY_READERS,
  'Mutation.grantRole': IDENTITY_ADMINS,
  'Mutation.revokeRole': IDENTITY_ADMINS,
} satisfies PermissionTable;
