import type { ErrorCode } from '../../../platform/errors';

/** Who an identity provider says signed in, before the provider's mapping turns groups into roles. */
export interface VerifiedIdentity {
  /** Stable id of the user at the provider: SAML NameID, OIDC `sub`, LDAP entry DN. */
  readonly externalId: string;
  readonly displayName?: string;
  readonly email?: string;
  /** Group or role names as the provider states them (SAML attribute, OIDC claim, LDAP groups). */
  readonly groups: readonly string[];
  /** Other non-secret attributes or claims, by name, for mappings on attributes other than groups. */
  readonly attributes: Readonly<Record<string, readonly string[]>>;
  /** When the provider says this sign-in stops being valid (SessionNotOnOrAfter, token `exp`). */
  readonly validUntil?: Date;
}

/**
 * Raised by every verifier (SAML, OIDC, LDAP) when a credential is refused. `code` is the stable
 * `extensions.code` the API reports; the message says what to fix and never echoes a secret.
 */
export class IdentityVerificationError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IdentityVerificationError';
  }
}
