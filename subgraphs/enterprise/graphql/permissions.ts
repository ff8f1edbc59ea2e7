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
/** Compliance is set by the tenant's admins, read and audited by its auditors. */
const COMPLIANCE_ADMINS: readonly Role[] = ['platform-admin', 'tenant-admin'];
const COMPLIANCE_READERS: readonly Role[] = ['platform-admin', 'tenant-admin', 'auditor'];
/** Those who change a tenant's models ask for approvals and check their operations. */
const CHANGE_MAKERS: readonly Role[] = ['platform-admin', 'tenant-admin', 'analyst', 'developer'];

/** Who may call each enterprise operation (README, "Roles"); tenant scope is checked as well. */
export const ENTERPRISE_PERMISSIONS = {
  'Query.tenant': EVERY_ROLE,
  'Query.tenants': EVERY_ROLE,
  'Mutation.createTenant': ['platform-admin'],
  'Mutation.renameTenant': ['platform-admin', 'tenant-admin'],
  'Query.auditTrail': AUDIT_READERS,
  'Query.verifyAuditChain': AUDIT_READERS,
  'Mutation.recordAuditEntry': AUDIT_WRITERS,
  'Query.replayAudit': AUDIT_READERS,
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
  'Query.complianceFrameworks': COMPLIANCE_READERS,
  'Query.complianceProfile': COMPLIANCE_READERS,
  'Query.changeApprovals': [...CHANGE_MAKERS, 'auditor'],
  'Mutation.enableComplianceFramework': COMPLIANCE_ADMINS,
  'Mutation.updateComplianceFramework': COMPLIANCE_ADMINS,
  'Mutation.recordComplianceAudit': COMPLIANCE_READERS,
  'Mutation.updateComplianceProfile': COMPLIANCE_ADMINS,
  'Mutation.recordErasureRequest': COMPLIANCE_ADMINS,
  'Mutation.requestChangeApproval': CHANGE_MAKERS,
  // Peer review: anyone who may make a change may approve someone else's (never their own).
  'Mutation.approveChange': CHANGE_MAKERS,
  'Mutation.checkCompliance': [...CHANGE_MAKERS, 'auditor'],
} satisfies PermissionTable;
