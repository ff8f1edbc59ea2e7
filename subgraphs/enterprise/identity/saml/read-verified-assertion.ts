import type { Profile } from '@node-saml/node-saml';
import { samlRefusal } from './saml-refusals';

/**
 * The parts of the assertion node-saml verified that node-saml itself does not check (ID,
 * NotBefore/NotOnOrAfter, Recipient) or that Goliath keeps (session bounds). Everything is read from
 * `profile.getAssertion()`, node-saml's parse of the signed bytes, never from the posted document.
 */
export interface VerifiedAssertion {
  readonly id: string;
  readonly issuer?: string;
  readonly conditions: { readonly notBefore?: Date; readonly notOnOrAfter?: Date };
  readonly bearerConfirmations: readonly { readonly recipient?: string; readonly notBefore?: Date; readonly notOnOrAfter?: Date }[];
  readonly sessionNotOnOrAfter?: Date;
}

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

/** xml2js (explicitCharkey, prefixes stripped): attributes under `$`, text under `_`, children as arrays. */
interface Xml2JsNode {
  $?: Record<string, string>;
  _?: string;
  [child: string]: unknown;
}

export function readVerifiedAssertion(profile: Profile): VerifiedAssertion {
  const assertion = first(profile.getAssertion?.()?.['Assertion'] as Xml2JsNode | Xml2JsNode[] | undefined);
  if (!assertion) throw samlRefusal.malformed('the verified assertion could not be read');
  const id = assertion.$?.['ID'];
  if (!id) throw samlRefusal.malformed('the assertion has no ID');
  const conditions = first(children(assertion, 'Conditions'));
  const subject = first(children(assertion, 'Subject'));
  const bearerConfirmations = children(subject, 'SubjectConfirmation')
    .filter((confirmation) => confirmation.$?.['Method'] === BEARER)
    .flatMap((confirmation) => children(confirmation, 'SubjectConfirmationData'))
    .map((data) => ({
      recipient: data.$?.['Recipient'],
      notBefore: instant(data.$?.['NotBefore'], 'SubjectConfirmationData NotBefore'),
      notOnOrAfter: instant(data.$?.['NotOnOrAfter'], 'SubjectConfirmationData NotOnOrAfter'),
    }));
  const authnStatement = first(children(assertion, 'AuthnStatement'));
  return {
    id,
    issuer: first(children(assertion, 'Issuer'))?._?.trim(),
    conditions: {
      notBefore: instant(conditions?.$?.['NotBefore'], 'Conditions NotBefore'),
      notOnOrAfter: instant(conditions?.$?.['NotOnOrAfter'], 'Conditions NotOnOrAfter'),
    },
    bearerConfirmations,
    sessionNotOnOrAfter: instant(authnStatement?.$?.['SessionNotOnOrAfter'], 'SessionNotOnOrAfter'),
  };
}

function children(node: Xml2JsNode | undefined, name: string): Xml2JsNode[] {
  const value = node?.[name];
  return Array.isArray(value) ? (value as Xml2JsNode[]) : [];
}

function first<T>(value: T | T[] | undefined): T | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** SAML instants are xs:dateTime in UTC; anything Date cannot read is a malformed response. */
function instant(value: string | undefined, what: string): Date | undefined {
  if (value === undefined) return undefined;
  const parsed = new Date(value);
  if (!/^\d{4}-\d\d-\d\dT/.test(value) || Number.isNaN(parsed.getTime())) throw samlRefusal.malformed(`${what} is not a date`);
  return parsed;
}
