import type { Role } from '../../../platform/auth/auth-context';
import { CALLERS_TENANT, permit, PUBLIC, tenantArgument, tenantOwning, trailArgument, type PermissionTable } from '../../../platform/graphql/permissions/permission-table';
import { IDENTITY_PROVIDERS_COLLECTION, SESSIONS_COLLECTION, USERS_COLLECTION } from '../../../schema/read-models/identity';

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

const inTenantArgument = tenantArgument('tenantId');
const inInputTenant = tenantArgument('input.tenantId');
/** Reading a trail: a tenant's, or the platform's (for its operators' auditors too). */
const inTrailArgument = trailArgument('tenantId');

/**
 * Who may call each enterprise operation (README, "Roles") and which tenant it acts on; the
 * shield, the compliance guard and the audit all take the tenant from here.
 */
export const ENTERPRISE_PERMISSIONS = {
  'Query.tenant': permit(EVERY_ROLE, tenantArgument('id')),
  'Query.tenants': permit(EVERY_ROLE, CALLERS_TENANT),
  'Mutation.createTenant': permit(['platform-admin'], CALLERS_TENANT),
  'Mutation.renameTenant': permit(['platform-admin', 'tenant-admin'], tenantArgument('id')),
  'Query.auditTrail': permit(AUDIT_READERS, inTrailArgument),
  'Query.verifyAuditChain': permit(AUDIT_READERS, inTrailArgument),
  'Mutation.recordAuditEntry': permit(AUDIT_WRITERS, inInputTenant),
  'Query.replayAudit': permit(AUDIT_READERS, inTrailArgument),
  // Signing in is what gives a caller a token in the first place.
  'Mutation.authenticate': permit(PUBLIC, inInputTenant),
  'Mutation.refreshSession': permit(PUBLIC, CALLERS_TENANT),
  'Mutation.logout': permit(EVERY_ROLE, CALLERS_TENANT),
  'Mutation.revokeSession': permit(IDENTITY_ADMINS, tenantOwning(SESSIONS_COLLECTION, 'sessionId', 'Session')),
  'Query.sessions': permit(IDENTITY_READERS, inTenantArgument),
  'Query.identityProviders': permit(IDENTITY_READERS, inTenantArgument),
  'Query.validateSamlConfig': permit(IDENTITY_READERS, tenantOwning(IDENTITY_PROVIDERS_COLLECTION, 'providerId', 'Identity provider')),
  'Mutation.configureIdentityProvider': permit(IDENTITY_ADMINS, inInputTenant),
  'Mutation.removeIdentityProvider': permit(IDENTITY_ADMINS, tenantOwning(IDENTITY_PROVIDERS_COLLECTION, 'providerId', 'Identity provider')),
  'Query.users': permit(IDENTITY_READERS, inTenantArgument),
  'Mutation.grantRole': permit(IDENTITY_ADMINS, tenantOwning(USERS_COLLECTION, 'userId', 'User')),
  'Mutation.revokeRole': permit(IDENTITY_ADMINS, tenantOwning(USERS_COLLECTION, 'userId', 'User')),
  'Query.complianceFrameworks': permit(COMPLIANCE_READERS, inTenantArgument),
  'Query.complianceProfile': permit(COMPLIANCE_READERS, inTenantArgument),
  'Query.changeApprovals': permit([...CHANGE_MAKERS, 'auditor'], inTenantArgument),
  'Mutation.enableComplianceFramework': permit(COMPLIANCE_ADMINS, inInputTenant),
  'Mutation.updateComplianceFramework': permit(COMPLIANCE_ADMINS, inInputTenant),
  'Mutation.recordComplianceAudit': permit(COMPLIANCE_READERS, inTenantArgument),
  'Mutation.updateComplianceProfile': permit(COMPLIANCE_ADMINS, inInputTenant),
  'Mutation.recordErasureRequest': permit(COMPLIANCE_ADMINS, inTenantArgument),
  'Mutation.requestChangeApproval': permit(CHANGE_MAKERS, inInputTenant),
  // Peer review: anyone who may make a change may approve someone else's (never their own).
  'Mutation.approveChange': permit(CHANGE_MAKERS, inTenantArgument),
  'Mutation.checkCompliance': permit([...CHANGE_MAKERS, 'auditor'], inTenantArgument),
  // Platform operations: what the projections parked, retried or skipped by the platform's operators.
  'Query.parkedEvents': permit(['platform-admin'], CALLERS_TENANT),
  'Mutation.retryParkedEvent': permit(['platform-admin'], CALLERS_TENANT),
  'Mutation.skipParkedEvent': permit(['platform-admin'], CALLERS_TENANT),
} satisfies PermissionTable;
