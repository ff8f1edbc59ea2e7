import { randomUUID } from 'node:crypto';
import { generate } from 'selfsigned';
import { SignedXml } from 'xml-crypto';

/**
 * A SAML 2.0 identity provider for tests: it signs Responses the way real IdPs do (RSA-SHA256,
 * exclusive c14n, assertion signed first and then the response, each signature placed right after
 * its Issuer), and every part an attack or a misconfiguration touches is a knob.
 *
 *   const idp = await createTestIdentityProvider();
 *   const settings = { idpEntityId: idp.entityId, ssoUrl: idp.ssoUrl, signingCertificates: [idp.certificatePem],
 *                      spEntityId: idp.serviceProvider.entityId, acsUrl: idp.serviceProvider.acsUrl, clockSkewMs: 0 };
 *   const SAMLResponse = idp.signedResponse({ nameId: 'ada@example.com', attributes: { groups: ['analysts'] } });
 *   // POST it to the ACS as the form field SAMLResponse, or hand it to verifySamlResponse.
 */

export interface SigningKey {
  readonly certificatePem: string;
  readonly privateKeyPem: string;
}

export interface TestServiceProvider {
  /** The audience the IdP writes into assertions unless a response says otherwise. */
  readonly entityId: string;
  /** The Destination and Recipient the IdP writes unless a response says otherwise. */
  readonly acsUrl: string;
}

export interface SignedResponseOptions {
  /** NameID value; default `ada@example.com`. */
  nameId?: string;
  nameIdFormat?: string;
  /** Attributes by name; default email, displayName and groups of Ada. */
  attributes?: Record<string, string | readonly string[]>;
  /** Issuer of the response and of the assertion; default the IdP's entity id. */
  issuer?: string;
  audience?: string;
  /** Response `Destination`; default the SP's ACS URL. */
  destination?: string;
  /** SubjectConfirmationData `Recipient`; default the SP's ACS URL. */
  recipient?: string;
  /** The instant the IdP believes it is; default now. Other instants default relative to it. */
  now?: Date;
  /** Conditions NotBefore; default `now` − 1 minute. */
  notBefore?: Date;
  /** Conditions NotOnOrAfter; default `now` + 5 minutes. */
  notOnOrAfter?: Date;
  /** SubjectConfirmationData NotOnOrAfter; default `notOnOrAfter`. */
  subjectNotOnOrAfter?: Date;
  /** AuthnStatement SessionNotOnOrAfter; default `now` + 8 hours. */
  sessionNotOnOrAfter?: Date;
  sessionIndex?: string;
  /** Assertion ID; default a fresh `_…` id. */
  assertionId?: string;
  responseId?: string;
  inResponseTo?: string;
  /** Sign with this key instead of the IdP's own (a key the SP does not trust, or a rolled-over one). */
  signWith?: SigningKey;
  /** Sign the assertion; default true. */
  signAssertion?: boolean;
  /** Sign the whole response as well; default true. */
  signResponse?: boolean;
  /** Change the XML after signing: tampering and signature-wrapping attacks. */
  afterSigning?: (signedXml: string) => string;
}

export interface TestIdentityProvider {
  readonly entityId: string;
  readonly ssoUrl: string;
  /** PEM certificate of the IdP's own key: what an SP is configured to trust. */
  readonly certificatePem: string;
  readonly signingKey: SigningKey;
  readonly serviceProvider: TestServiceProvider;
  /** A signed Response, base64-encoded as the HTTP-POST binding sends it (form field `SAMLResponse`). */
  signedResponse(options?: SignedResponseOptions): string;
  /** The same Response as XML text, for inspecting or for building an attack by hand. */
  signedResponseXml(options?: SignedResponseOptions): string;
}

export interface TestIdentityProviderOptions {
  entityId?: string;
  ssoUrl?: string;
  serviceProvider?: Partial<TestServiceProvider>;
  /** Reuse a key (e.g. one made by `createSigningKey`), instead of generating one. */
  signingKey?: SigningKey;
}

export const SAML_PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const SAML_ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';

/** An RSA-2048 key with a self-signed certificate; validity defaults to now … now + 1 year. */
export async function createSigningKey(options: { commonName?: string; notBefore?: Date; notAfter?: Date } = {}): Promise<SigningKey> {
  const pems = await generate([{ name: 'commonName', value: options.commonName ?? 'test-idp.goliath.test' }], {
    keySize: 2048,
    algorithm: 'sha256',
    ...(options.notBefore ? { notBeforeDate: options.notBefore } : {}),
    ...(options.notAfter ? { notAfterDate: options.notAfter } : {}),
  });
  return { certificatePem: pems.cert, privateKeyPem: pems.private };
}

export async function createTestIdentityProvider(options: TestIdentityProviderOptions = {}): Promise<TestIdentityProvider> {
  const entityId = options.entityId ?? 'https://idp.goliath.test/metadata';
  const ssoUrl = options.ssoUrl ?? 'https://idp.goliath.test/sso';
  const serviceProvider: TestServiceProvider = {
    entityId: options.serviceProvider?.entityId ?? 'https://goliath.test/saml/metadata',
    acsUrl: options.serviceProvider?.acsUrl ?? 'https://goliath.test/saml/acs',
  };
  const signingKey = options.signingKey ?? (await createSigningKey());

  const signedResponseXml = (responseOptions: SignedResponseOptions = {}): string => {
    const key = responseOptions.signWith ?? signingKey;
    let xml = buildResponseXml(entityId, serviceProvider, responseOptions);
    if (responseOptions.signAssertion ?? true) xml = signElement(xml, 'Assertion', key);
    if (responseOptions.signResponse ?? true) xml = signElement(xml, 'Response', key);
    return responseOptions.afterSigning ? responseOptions.afterSigning(xml) : xml;
  };

  return {
    entityId,
    ssoUrl,
    certificatePem: signingKey.certificatePem,
    signingKey,
    serviceProvider,
    signedResponseXml,
    signedResponse: (responseOptions) => Buffer.from(signedResponseXml(responseOptions), 'utf8').toString('base64'),
  };
}

function buildResponseXml(idpEntityId: string, sp: TestServiceProvider, o: SignedResponseOptions): string {
  const now = o.now ?? new Date();
  const minutes = (n: number) => new Date(now.getTime() + n * 60_000);
  const notOnOrAfter = o.notOnOrAfter ?? minutes(5);
  const issuer = escapeXml(o.issuer ?? idpEntityId);
  const inResponseTo = o.inResponseTo ? ` InResponseTo="${escapeXml(o.inResponseTo)}"` : '';
  const attributes = o.attributes ?? {
    email: 'ada@example.com',
    displayName: 'Ada Lovelace',
    groups: ['analysts', 'engineering'],
  };
  const attributeXml = Object.entries(attributes)
    .map(([name, value]) => {
      const values = (typeof value === 'string' ? [value] : value)
        .map((v) => `<saml:AttributeValue>${escapeXml(v)}</saml:AttributeValue>`)
        .join('');
      return `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values}</saml:Attribute>`;
    })
    .join('');
  return (
    `<samlp:Response xmlns:samlp="${SAML_PROTOCOL_NS}" xmlns:saml="${SAML_ASSERTION_NS}" ` +
    `ID="${escapeXml(o.responseId ?? newId())}" Version="2.0" IssueInstant="${now.toISOString()}" ` +
    `Destination="${escapeXml(o.destination ?? sp.acsUrl)}"${inResponseTo}>` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion ID="${escapeXml(o.assertionId ?? newId())}" Version="2.0" IssueInstant="${now.toISOString()}">` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<saml:Subject>` +
    `<saml:NameID Format="${escapeXml(o.nameIdFormat ?? 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress')}">` +
    `${escapeXml(o.nameId ?? 'ada@example.com')}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData NotOnOrAfter="${(o.subjectNotOnOrAfter ?? notOnOrAfter).toISOString()}" ` +
    `Recipient="${escapeXml(o.recipient ?? sp.acsUrl)}"${inResponseTo}/>` +
    `</saml:SubjectConfirmation>` +
    `</saml:Subject>` +
    `<saml:Conditions NotBefore="${(o.notBefore ?? minutes(-1)).toISOString()}" NotOnOrAfter="${notOnOrAfter.toISOString()}">` +
    `<saml:AudienceRestriction><saml:Audience>${escapeXml(o.audience ?? sp.entityId)}</saml:Audience></saml:AudienceRestriction>` +
    `</saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="${escapeXml(o.sessionIndex ?? newId())}" ` +
    `SessionNotOnOrAfter="${(o.sessionNotOnOrAfter ?? minutes(8 * 60)).toISOString()}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>` +
    `</saml:AuthnStatement>` +
    (attributeXml ? `<saml:AttributeStatement>${attributeXml}</saml:AttributeStatement>` : '') +
    `</saml:Assertion>` +
    `</samlp:Response>`
  );
}

/** Enveloped signature over the first `element` (Response or Assertion), placed right after its Issuer. */
function signElement(xml: string, element: 'Response' | 'Assertion', key: SigningKey): string {
  const target = `//*[local-name(.)='${element}']`;
  const signer = new SignedXml({
    privateKey: key.privateKeyPem,
    publicCert: key.certificatePem,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    getKeyInfoContent: SignedXml.getKeyInfoContent,
  });
  signer.addReference({
    xpath: target,
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  signer.computeSignature(xml, {
    prefix: 'ds',
    location: { reference: `${target}/*[local-name(.)='Issuer']`, action: 'after' },
  });
  return signer.getSignedXml();
}

function newId(): string {
  // An XML ID must not start with a digit.
  return `_${randomUUID()}`;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
