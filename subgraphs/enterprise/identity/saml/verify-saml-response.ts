import type { Profile } from '@node-saml/node-saml';
import type { VerifiedIdentity } from '../verified-identity';
import { checkSamlSignature } from './check-saml-signature';
import { classifyNodeSamlError } from './classify-node-saml-error';
import { SAML_ASSERTION_NS, childElements, inspectSamlResponse, isElement } from './inspect-saml-response';
import { readVerifiedAssertion, type VerifiedAssertion } from './read-verified-assertion';
import { samlClient } from './saml-client';
import { samlIdentityAttributes } from './saml-identity-attributes';
import type { SamlProviderSettings } from './saml-provider-settings';
import { samlRefusal } from './saml-refusals';

export type VerifiedSamlIdentity = VerifiedIdentity & {
  /** The assertion's ID: what the replay guard remembers. */
  readonly assertionId: string;
  /** AuthnStatement SessionIndex, needed for a later single logout. */
  readonly sessionIndex?: string;
  /** The IdP entity id that issued the assertion (equals settings.idpEntityId). */
  readonly issuer: string;
};

export interface VerifySamlResponseOptions {
  /** Goliath's clock; default the wall clock. */
  readonly now?: () => Date;
  /**
   * Records an accepted assertion id until `notOnOrAfter` (the last instant any copy of it could
   * still be accepted). Resolves false when the id was already recorded: the response is a replay.
   * A rejection is passed through unchanged (the store failed; nothing was decided about the user).
   */
  readonly rememberAssertion: (assertionId: string, notOnOrAfter: Date) => Promise<boolean>;
}

/**
 * Verifies a SAML 2.0 Response posted to the ACS (HTTP-POST binding, form field SAMLResponse) and
 * says who signed in. Every refusal is an IdentityVerificationError with its own SAML_* code.
 *
 * Order: structure (one assertion, signatures only where they belong, no comments in NameID) →
 * every signature present verified against the trusted certificates (tampered vs. untrusted key) →
 * node-saml, the authority that accepts the signed assertion and checks its audience → issuer,
 * destination and recipient, validity window with the injected clock → the replay guard last, so
 * only an assertion that is accepted in every other respect uses up its id.
 */
export async function verifySamlResponse(
  settings: SamlProviderSettings,
  samlResponseBase64: string,
  options: VerifySamlResponseOptions,
): Promise<VerifiedSamlIdentity> {
  if (settings.signingCertificates.length === 0) throw samlRefusal.invalid();
  const inspected = inspectSamlResponse(samlResponseBase64);
  for (const signature of [inspected.assertionSignature, inspected.responseSignature]) {
    if (!signature) continue;
    const verdict = checkSamlSignature(inspected.xml, signature, settings.signingCertificates);
    if (verdict === 'digest-mismatch') throw samlRefusal.digestMismatch();
    if (verdict === 'untrusted-key') throw samlRefusal.signatureInvalid();
  }

  let profile: Profile | null;
  try {
    ({ profile } = await samlClient(settings).validatePostResponseAsync({ SAMLResponse: samlResponseBase64 }));
  } catch (error) {
    throw classifyNodeSamlError(error, settings.spEntityId);
  }
  if (!profile) throw samlRefusal.malformed('it is not a sign-in response');
  const assertion = readVerifiedAssertion(profile);

  const responseIssuer = childElements(inspected.response).find((element) => isElement(element, SAML_ASSERTION_NS, 'Issuer'));
  if (assertion.issuer !== settings.idpEntityId || (responseIssuer && responseIssuer.textContent?.trim() !== settings.idpEntityId)) {
    throw samlRefusal.issuerMismatch(settings.idpEntityId);
  }
  const destination = inspected.response.getAttribute('Destination');
  if (destination && destination !== settings.acsUrl) throw samlRefusal.recipientMismatch(settings.acsUrl);
  const now = (options.now ?? (() => new Date()))();
  const acceptedUntil = checkValidityWindow(assertion, settings, now);

  const nameId = profile.nameID;
  if (!nameId) throw samlRefusal.malformed('the assertion has no NameID');
  if (!(await options.rememberAssertion(assertion.id, acceptedUntil))) throw samlRefusal.replayed();

  const { email, displayName, groups, attributes } = samlIdentityAttributes(profile, settings);
  return {
    externalId: nameId,
    ...(email ? { email } : {}),
    ...(displayName ? { displayName } : {}),
    groups,
    attributes,
    ...(assertion.sessionNotOnOrAfter ? { validUntil: assertion.sessionNotOnOrAfter } : {}),
    assertionId: assertion.id,
    ...(profile.sessionIndex ? { sessionIndex: profile.sessionIndex } : {}),
    issuer: settings.idpEntityId,
  };
}

/**
 * Conditions and a bearer SubjectConfirmation addressed to our ACS must both be in force at `now`
 * (± clockSkewMs). Returns the last instant the assertion could be accepted, for the replay guard.
 */
function checkValidityWindow(assertion: VerifiedAssertion, settings: SamlProviderSettings, now: Date): Date {
  if (assertion.bearerConfirmations.length === 0) throw samlRefusal.malformed('the assertion has no bearer SubjectConfirmation');
  const ours = assertion.bearerConfirmations.filter((confirmation) => confirmation.recipient === settings.acsUrl);
  if (ours.length === 0) throw samlRefusal.recipientMismatch(settings.acsUrl);

  const skew = Math.max(0, settings.clockSkewMs);
  const refusal = (window: { notBefore?: Date; notOnOrAfter?: Date }) => {
    if (window.notBefore && now.getTime() + skew < window.notBefore.getTime()) return samlRefusal.notYetValid();
    if (window.notOnOrAfter && now.getTime() - skew >= window.notOnOrAfter.getTime()) return samlRefusal.expired();
    return undefined;
  };
  const conditionsRefusal = refusal(assertion.conditions);
  if (conditionsRefusal) throw conditionsRefusal;
  const inForce = ours.find((confirmation) => refusal(confirmation) === undefined);
  if (!inForce) throw refusal(ours[0]!)!;
  // The SAML web browser SSO profile requires it; without it an assertion would never expire.
  if (!inForce.notOnOrAfter) throw samlRefusal.malformed('the bearer SubjectConfirmationData has no NotOnOrAfter');

  const ends = [inForce.notOnOrAfter, assertion.conditions.notOnOrAfter].filter((end): end is Date => end !== undefined);
  return new Date(Math.min(...ends.map((end) => end.getTime())) + skew);
}
