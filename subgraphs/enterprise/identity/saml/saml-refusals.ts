import { ErrorCode } from '../../../../platform/errors';
import { IdentityVerificationError } from '../verified-identity';

/**
 * One constructor per reason a SAML response is refused. Each message says what to do about it and
 * never echoes the response, so a refusal can be shown to the user and logged as it is.
 */
export const samlRefusal = {
  malformed: (detail: string) =>
    new IdentityVerificationError(
      ErrorCode.SamlResponseMalformed,
      `The SAML response is not a well-formed SAML 2.0 Response (${detail}): sign in again from the start; if it persists, check the identity provider's SAML settings.`,
    ),
  unsigned: (detail: string) =>
    new IdentityVerificationError(
      ErrorCode.SamlResponseUnsigned,
      `The SAML response is refused because ${detail}: configure the identity provider to sign assertions (RSA-SHA256).`,
    ),
  signatureInvalid: () =>
    new IdentityVerificationError(
      ErrorCode.SamlSignatureInvalid,
      "The SAML signature was not made by any of the configured signing certificates: add the identity provider's current signing certificate to the provider settings (query validateSamlConfig).",
    ),
  digestMismatch: () =>
    new IdentityVerificationError(
      ErrorCode.SamlDigestMismatch,
      'The SAML response was changed after the identity provider signed it: sign in again from the start; do not let anything between the identity provider and Goliath rewrite the response.',
    ),
  signatureWrapping: (detail: string) =>
    new IdentityVerificationError(
      ErrorCode.SamlSignatureWrapping,
      `The SAML response is refused: ${detail}, so the signed content is not what would be read (signature wrapping). Sign in again from the start.`,
    ),
  nameIdComment: () =>
    new IdentityVerificationError(
      ErrorCode.SamlNameIdComment,
      'The SAML NameID contains an XML comment, which could truncate the user name read from it: sign in again from the start; identity providers never send this.',
    ),
  statusNotSuccess: (statusCode: string) =>
    new IdentityVerificationError(
      ErrorCode.SamlStatusNotSuccess,
      `The identity provider did not sign the user in (status ${statusCode}): sign in again at the identity provider, or ask its administrator to give the user access to Goliath.`,
    ),
  issuerMismatch: (expected: string) =>
    new IdentityVerificationError(
      ErrorCode.SamlIssuerMismatch,
      `The SAML response comes from another issuer than the configured identity provider entity id "${expected}": set idpEntityId to the identity provider's entity id (query validateSamlConfig).`,
    ),
  audienceMismatch: (expected: string) =>
    new IdentityVerificationError(
      ErrorCode.SamlAudienceMismatch,
      `The SAML assertion is meant for another service provider than "${expected}": set the Audience (SP entity id) at the identity provider to Goliath's spEntityId.`,
    ),
  recipientMismatch: (expected: string) =>
    new IdentityVerificationError(
      ErrorCode.SamlRecipientMismatch,
      `The SAML response is addressed to another URL than Goliath's assertion consumer service "${expected}": set the ACS (reply) URL at the identity provider to it.`,
    ),
  notYetValid: () =>
    new IdentityVerificationError(
      ErrorCode.SamlAssertionNotYetValid,
      "The SAML assertion is not valid yet: the identity provider's clock is ahead of Goliath's; synchronise the clocks (NTP) or raise clockSkewMs.",
    ),
  expired: () =>
    new IdentityVerificationError(
      ErrorCode.SamlAssertionExpired,
      'The SAML assertion has expired: sign in again; if it happens at once, synchronise the clocks (NTP) or raise clockSkewMs.',
    ),
  replayed: () =>
    new IdentityVerificationError(
      ErrorCode.SamlAssertionReplayed,
      'This SAML assertion was already used to sign in and cannot be used again: sign in again from the start.',
    ),
  invalid: () =>
    new IdentityVerificationError(
      ErrorCode.SamlAssertionInvalid,
      'SAML assertion validation failed: verify the SAML certificate and configuration (query validateSamlConfig)',
    ),
} as const;
