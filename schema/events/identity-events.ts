import type { DomainEvent } from '../../platform/commands/decider';
import type { Role } from '../../platform/auth/auth-context';

/**
 * Events of the enterprise subgraph's identity aggregates: `identityprovider-<id>` (a tenant's
 * SAML/OIDC/LDAP configuration), `user-<id>` (a person of a tenant and the roles granted to them)
 * and `authentication-<tenantId>` (refused sign-ins). No event ever holds a secret: the LDAP bind
 * password lives in the secret store and events carry only its reference.
 */
export const IDENTITY_PROVIDER_CATEGORY = 'identityprovider';
export const USER_CATEGORY = 'user';
export const AUTHENTICATION_CATEGORY = 'authentication';
export const SAML_ASSERTION_CATEGORY = 'samlassertion';
export const identityProviderStreamId = (providerId: string): string => `${IDENTITY_PROVIDER_CATEGORY}-${providerId}`;
export const userStreamId = (userId: string): string => `${USER_CATEGORY}-${userId}`;
export const authenticationStreamId = (tenantId: string): string => `${AUTHENTICATION_CATEGORY}-${tenantId}`;

export type IdentityProviderType = 'SAML' | 'OIDC' | 'LDAP';

export interface SamlProviderConfiguration {
  readonly idpEntityId: string;
  readonly ssoUrl: string;
  /** PEM certificates the IdP may sign with; two during a rollover. Empty: SAML_CERT_PATH's. */
  readonly signingCertificates: readonly string[];
  readonly spEntityId: string;
  /** Where the IdP posts responses: the gateway's /auth/saml/<tenant>/acs unless configured. */
  readonly acsUrl: string;
  readonly groupsAttribute?: string;
}

export interface OidcProviderConfiguration {
  readonly issuer: string;
  readonly clientId: string;
  readonly audience?: string;
  readonly jwksUri?: string;
  readonly groupsClaim?: string;
}

export interface LdapProviderConfiguration {
  readonly url: string;
  readonly bindDn: string;
  /** Reference into the secret store; the password itself is never in an event. */
  readonly bindPasswordRef: string;
  readonly searchBase: string;
  readonly searchFilter: string;
  readonly groupSearchBase?: string;
  readonly groupFilter?: string;
  readonly startTls: boolean;
}

/** One row of a provider's mapping: a group (or role claim) at the provider gives a platform role. */
export interface RoleMapping {
  readonly group: string;
  readonly role: Role;
}

export interface IdentityProviderDefinition {
  readonly providerId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly type: IdentityProviderType;
  readonly saml?: SamlProviderConfiguration;
  readonly oidc?: OidcProviderConfiguration;
  readonly ldap?: LdapProviderConfiguration;
  readonly roleMappings: readonly RoleMapping[];
  /** Roles every user signed in through this provider gets; empty means none without a mapping. */
  readonly defaultRoles: readonly Role[];
}

export type IdentityProviderConfigured = DomainEvent<'IdentityProviderConfigured', IdentityProviderDefinition & { readonly configuredAt: string }>;
export type IdentityProviderReconfigured = DomainEvent<'IdentityProviderReconfigured', IdentityProviderDefinition & { readonly configuredAt: string }>;
export type IdentityProviderRemoved = DomainEvent<
  'IdentityProviderRemoved',
  { readonly providerId: string; readonly tenantId: string; readonly removedAt: string }
>;
export type IdentityProviderEvent = IdentityProviderConfigured | IdentityProviderReconfigured | IdentityProviderRemoved;

export type UserRegistered = DomainEvent<
  'UserRegistered',
  {
    readonly userId: string;
    readonly tenantId: string;
    readonly providerId: string;
    readonly externalId: string;
    readonly email?: string;
    readonly displayName?: string;
    readonly registeredAt: string;
  }
>;
/** The roles the provider's mapping gave at a sign-in; replaced at every sign-in. */
export type UserProviderRolesSynchronized = DomainEvent<
  'UserProviderRolesSynchronized',
  { readonly userId: string; readonly tenantId: string; readonly roles: readonly Role[]; readonly signedInAt: string }
>;
export type RoleGranted = DomainEvent<
  'RoleGranted',
  { readonly userId: string; readonly tenantId: string; readonly role: Role; readonly grantedBy: string; readonly grantedAt: string }
>;
export type RoleRevoked = DomainEvent<
  'RoleRevoked',
  { readonly userId: string; readonly tenantId: string; readonly role: Role; readonly revokedBy: string; readonly revokedAt: string }
>;
export type UserEvent = UserRegistered | UserProviderRolesSynchronized | RoleGranted | RoleRevoked;

/** A refused sign-in. Holds who was attempted and why, never the credential. */
export type AuthenticationFailed = DomainEvent<
  'AuthenticationFailed',
  {
    readonly tenantId: string;
    /** CLIENT_CREDENTIALS: a service account's token exchange (schema/events/service-account-events.ts). */
    readonly authType: IdentityProviderType | 'CLIENT_CREDENTIALS';
    /** The username, NameID or `sub` that was attempted, when the credential revealed one. */
    readonly attemptedIdentity?: string;
    readonly providerId?: string;
    readonly code: string;
    readonly clientAddress?: string;
    readonly failedAt: string;
  }
>;

/**
 * An accepted SAML assertion, in a stream named after a hash of its issuer and id
 * (`samlassertion-<hash>`). Appending expects no stream, so the second use of an assertion
 * fails on the store's own concurrency check: a replay is refused in every process at once.
 */
export type SamlAssertionConsumed = DomainEvent<
  'SamlAssertionConsumed',
  { readonly tenantId: string; readonly providerId: string; readonly notOnOrAfter: string; readonly consumedAt: string }
>;
export const samlAssertionStreamId = (assertionKey: string): string => `${SAML_ASSERTION_CATEGORY}-${assertionKey}`;

/** Version 2 of the events carrying roles writes them as the API's enums name them (TENANT_ADMIN, not tenant-admin); see ./upcasters.ts. */
export const IDENTITY_EVENT_VERSIONS: Readonly<
  Record<IdentityProviderEvent['type'] | UserEvent['type'] | AuthenticationFailed['type'] | SamlAssertionConsumed['type'], number>
> = {
  IdentityProviderConfigured: 2,
  IdentityProviderReconfigured: 2,
  IdentityProviderRemoved: 1,
  UserRegistered: 1,
  UserProviderRolesSynchronized: 2,
  RoleGranted: 2,
  RoleRevoked: 2,
  AuthenticationFailed: 1,
  SamlAssertionConsumed: 1,
};
