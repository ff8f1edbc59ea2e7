import type { CommandCaller } from '../../../../platform/commands/command-caller';
import type { IdentityProviderDocument } from '../../../../schema/read-models/identity';
import type { VerifiedIdentity } from '../verified-identity';

// Apart from SignInService so that what it delegates to (provider lookup, records, verifiers)
// can name a request without importing the service that calls them.

export type Credentials =
  | { readonly type: 'SAML'; readonly samlResponse: string }
  | { readonly type: 'OIDC'; readonly idToken: string; readonly nonce?: string }
  | { readonly type: 'LDAP'; readonly username: string; readonly password: string };

/** Turns one kind of credential into a verified identity, or throws IdentityVerificationError. */
export interface CredentialVerifiers {
  /** `caller` records the assertion it consumes, so that it cannot be replayed. */
  saml(provider: IdentityProviderDocument, samlResponse: string, caller: CommandCaller): Promise<VerifiedIdentity>;
  oidc(provider: IdentityProviderDocument, idToken: string, nonce?: string): Promise<VerifiedIdentity>;
  ldap(provider: IdentityProviderDocument, username: string, password: string): Promise<VerifiedIdentity>;
}

export interface SignInRequest {
  readonly tenantId: string;
  readonly credentials: Credentials;
  /** Picks the provider when a tenant has several of one type: SAML entity id, OIDC issuer or LDAP URL. */
  readonly issuer?: string;
  readonly providerId?: string;
  readonly clientAddress?: string;
  readonly correlationId: string;
}
