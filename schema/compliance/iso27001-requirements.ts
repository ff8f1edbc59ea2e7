import type { ComplianceRequest, Requirement } from './compliance-request';

/**
 * Operations that change who may do what or how the tenant is governed. A tenant adds its own
 * through the profile's privilegedOperations.
 */
export const PLATFORM_PRIVILEGED_OPERATIONS: readonly string[] = [
  'createTenant',
  'renameTenant',
  'enableComplianceFramework',
  'updateComplianceFramework',
  'recordComplianceAudit',
  'updateComplianceProfile',
  'recordErasureRequest',
  'approveChange',
  'configureIdentityProvider',
  'removeIdentityProvider',
  'grantRole',
  'revokeRole',
  'revokeSession',
];

/**
 * Sessions opened through one of the tenant's identity providers: the seed's "Enterprise SSO" is
 * SAML, OAuth 2.0 / OIDC and LDAP. A development token is nobody's identity provider.
 */
export const SSO_AUTH_METHODS: readonly string[] = ['saml', 'oidc', 'ldap'];

export function isPrivileged({ operation, tenant }: ComplianceRequest): boolean {
  return PLATFORM_PRIVILEGED_OPERATIONS.includes(operation) || tenant.privilegedOperations.includes(operation);
}

export const ISO27001_REQUIREMENTS: readonly Requirement[] = [
  {
    id: 'ISO27001 A.5.15 access control',
    framework: 'ISO27001',
    evaluate(request) {
      if (!isPrivileged(request) || SSO_AUTH_METHODS.includes(request.actor.authMethod)) return undefined;
      return `${request.operation} is privileged: sign in through the tenant's identity provider (SAML, OIDC or LDAP); a ${request.actor.authMethod} session may not perform it.`;
    },
  },
];
