import { ROLES, type Role } from '../../../platform/auth/auth-context';
import { CALLERS_TENANT, permit, PUBLIC, tenantArgument, tenantOwning, trailArgument, type PermissionTable } from '../../../platform/graphql/permissions/permission-table';
import { IDENTITY_PROVIDERS_COLLECTION, SESSIONS_COLLECTION, USERS_COLLECTION } from '../../../schema/read-models/identity';
import { SERVICE_ACCOUNTS_COLLECTION } from '../../../schema/read-models/service-accounts';

const EVERY_ROLE: readonly Role[] = ROLES;
/** The audit trail is for those who answer for the tenant and those who check it, not for day-to-day users. */
const AUDIT_READERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'AUDITOR'];
/** Everyone who acts in a tenant may note something in its trail; a viewer only reads. */
const AUDIT_WRITERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'ANALYST', 'DEVELOPER', 'AUDITOR'];
/** Who signs in, with what and with which roles is run by the tenant's admins and checked by its auditors. */
const IDENTITY_ADMINS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN'];
const IDENTITY_READERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'AUDITOR'];
/** Compliance is set by the tenant's admins, read and audited by its auditors. */
const COMPLIANCE_ADMINS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN'];
const COMPLIANCE_READERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'AUDITOR'];
/** Those who change a tenant's models ask for approvals and check their operations. */
const CHANGE_MAKERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'ANALYST', 'DEVELOPER'];

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
  'Mutation.createTenant': permit(['PLATFORM_ADMIN'], CALLERS_TENANT),
  'Mutation.renameTenant': permit(['PLATFORM_ADMIN', 'TENANT_ADMIN'], tenantArgument('id')),
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
  // Service accounts are identities too: run by the tenant's admins, checked by its auditors.
  'Query.serviceAccounts': permit(IDENTITY_READERS, inTenantArgument),
  'Mutation.createServiceAccount': permit(IDENTITY_ADMINS, inTenantArgument),
  'Mutation.rotateServiceAccountSecret': permit(IDENTITY_ADMINS, tenantOwning(SERVICE_ACCOUNTS_COLLECTION, 'serviceAccountId', 'Service account')),
  'Mutation.revokeServiceAccount': permit(IDENTITY_ADMINS, tenantOwning(SERVICE_ACCOUNTS_COLLECTION, 'serviceAccountId', 'Service account')),
  // The client credentials are what gives a service account a token in the first place.
  'Mutation.requestServiceAccountToken': permit(PUBLIC, CALLERS_TENANT),
  'Query.complianceFrameworks': permit(COMPLIANCE_READERS, inTenantArgument),
  'Query.complianceProfile': permit(COMPLIANCE_READERS, inTenantArgument),
  'Query.changeApprovals': permit([...CHANGE_MAKERS, 'AUDITOR'], inTenantArgument),
  'Mutation.enableComplianceFramework': permit(COMPLIANCE_ADMINS, inInputTenant),
  'Mutation.updateComplianceFramework': permit(COMPLIANCE_ADMINS, inInputTenant),
  'Mutation.recordComplianceAudit': permit(COMPLIANCE_READERS, inTenantArgument),
  'Mutation.updateComplianceProfile': permit(COMPLIANCE_ADMINS, inInputTenant),
  'Mutation.recordErasureRequest': permit(COMPLIANCE_ADMINS, inTenantArgument),
  'Mutation.requestChangeApproval': permit(CHANGE_MAKERS, inInputTenant),
  // Peer review: anyone who may make a change may approve someone else's (never their own).
  'Mutation.approveChange': permit(CHANGE_MAKERS, inTenantArgument),
  'Mutation.checkCompliance': permit([...CHANGE_MAKERS, 'AUDITOR'], inTenantArgument),
  // Platform operations: what the projections parked, retried or skipped by the platform's operators.
  'Query.parkedEvents': permit(['PLATFORM_ADMIN'], CALLERS_TENANT),
  'Mutation.retryParkedEvent': permit(['PLATFORM_ADMIN'], CALLERS_TENANT),
  'Mutation.skipParkedEvent': permit(['PLATFORM_ADMIN'], CALLERS_TENANT),
} satisfies PermissionTable;
