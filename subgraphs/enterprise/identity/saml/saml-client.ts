import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import type { SamlProviderSettings } from './saml-provider-settings';

/**
 * The node-saml client for one provider. Choices that differ from node-saml's defaults:
 * - `wantAssertionsSigned: true, wantAuthnResponseSigned: false`: the assertion is what states
 *   who signed in, so its own signature is required; a response signature is optional (many IdPs
 *   sign only the assertion), and when present it must verify too (checked before node-saml, which
 *   would otherwise ignore a broken response signature).
 * - `acceptedClockSkewMs: -1`: node-saml reads the wall clock and cannot be given another one, so
 *   NotBefore / NotOnOrAfter are checked by verifySamlResponse with its injected clock and
 *   `clockSkewMs`, on the assertion node-saml returns as verified.
 * - `identifierFormat: null` and `disableRequestedAuthnContext: true`: the AuthnRequest leaves the
 *   NameID format and the authentication method to the IdP, which refuses requests it cannot meet
 *   (e.g. MFA instead of PasswordProtectedTransport).
 */
export function samlClient(settings: SamlProviderSettings): SAML {
  return new SAML({
    callbackUrl: settings.acsUrl,
    entryPoint: settings.ssoUrl,
    issuer: settings.spEntityId,
    audience: settings.spEntityId,
    idpIssuer: settings.idpEntityId,
    idpCert: [...settings.signingCertificates],
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    acceptedClockSkewMs: -1,
    validateInResponseTo: ValidateInResponseTo.never,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
  });
}
