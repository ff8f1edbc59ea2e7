import { errors } from 'jose';
import { ErrorCode } from '../../../../platform/errors';
import { IdentityVerificationError } from '../verified-identity';

/**
 * The refusals a provider's id token can earn. Messages say what to do and name no claim value,
 * so a refused token never echoes back into logs or responses.
 */
export const oidcRefusals = {
  invalid: () =>
    new IdentityVerificationError(
      ErrorCode.OidcTokenInvalid,
      'The id token is malformed or its signature does not match any key the identity provider publishes: sign in at the provider again; if it persists, an administrator should check the provider settings.',
    ),
  expired: () =>
    new IdentityVerificationError(
      ErrorCode.OidcTokenExpired,
      'The id token has expired: sign in at the identity provider again.',
    ),
  notYetValid: () =>
    new IdentityVerificationError(
      ErrorCode.OidcTokenNotYetValid,
      "The id token is not valid yet: check that the clocks of Goliath and the identity provider agree (or raise the provider's clock skew setting) and sign in again.",
    ),
  issuerMismatch: () =>
    new IdentityVerificationError(
      ErrorCode.OidcIssuerMismatch,
      'The id token was issued by another issuer than the one configured: sign in through the configured provider, or have an administrator set the issuer exactly as the provider publishes it.',
    ),
  audienceMismatch: () =>
    new IdentityVerificationError(
      ErrorCode.OidcAudienceMismatch,
      "The id token was issued for another client: sign in through Goliath's own client at the provider, or have an administrator check the client id and audience settings.",
    ),
  nonceMismatch: () =>
    new IdentityVerificationError(
      ErrorCode.OidcNonceMismatch,
      'The id token does not carry the nonce of this sign-in (a replayed or foreign token): start the sign-in again.',
    ),
  algorithmRefused: () =>
    new IdentityVerificationError(
      ErrorCode.OidcAlgorithmRefused,
      'The id token is not signed with an asymmetric algorithm (RS*, PS*, ES*, EdDSA); unsigned and shared-secret (HS*) tokens are refused: configure the provider to sign id tokens with RS256 or another asymmetric algorithm.',
    ),
  unavailable: () =>
    new IdentityVerificationError(
      ErrorCode.IdentityProviderUnavailable,
      "The identity provider's discovery document or signing keys could not be fetched: check the provider's issuer/JWKS URL and the network between Goliath and the provider, then sign in again.",
    ),
};

/** Names the check jose refused with; anything that is not jose's own refusal means the keys were unreachable. */
export function refusalForJoseError(error: unknown): IdentityVerificationError {
  if (error instanceof IdentityVerificationError) return error;
  if (!(error instanceof errors.JOSEError)) return oidcRefusals.unavailable();
  if (error instanceof errors.JWTExpired) return oidcRefusals.expired();
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason !== 'check_failed') return oidcRefusals.invalid();
    if (error.claim === 'iss') return oidcRefusals.issuerMismatch();
    if (error.claim === 'aud') return oidcRefusals.audienceMismatch();
    if (error.claim === 'nbf') return oidcRefusals.notYetValid();
    return oidcRefusals.invalid();
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported)
    return oidcRefusals.algorithmRefused();
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return oidcRefusals.unavailable();
  // jose reports a JWKS response that is not 200 or not JSON with its base class.
  if (error.code === errors.JOSEError.code) return oidcRefusals.unavailable();
  return oidcRefusals.invalid();
}
