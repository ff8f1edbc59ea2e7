import { ErrorCode } from '../../../../platform/errors';
import {
  createSigningKey,
  createTestIdentityProvider,
  type SignedResponseOptions,
  type SigningKey,
  type TestIdentityProvider,
} from '../../../../test/support/saml-identity-provider';
import { IdentityVerificationError } from '../verified-identity';
import type { SamlProviderSettings } from './saml-provider-settings';
import { verifySamlResponse, type VerifySamlResponseOptions } from './verify-saml-response';

/**
 * The real verification path (structure checks, xml-crypto, node-saml) against responses from a
 * test IdP: what is accepted, and every attack refused with its own code.
 */

let idp: TestIdentityProvider;
let strangerKey: SigningKey;

beforeAll(async () => {
  [idp, strangerKey] = await Promise.all([createTestIdentityProvider(), createSigningKey({ commonName: 'attacker.test' })]);
});

const settingsFor = (provider: TestIdentityProvider, overrides: Partial<SamlProviderSettings> = {}): SamlProviderSettings => ({
  idpEntityId: provider.entityId,
  ssoUrl: provider.ssoUrl,
  signingCertificates: [provider.certificatePem],
  spEntityId: provider.serviceProvider.entityId,
  acsUrl: provider.serviceProvider.acsUrl,
  clockSkewMs: 0,
  ...overrides,
});

/** The replay guard as a store would be: remembers ids, answers false for one seen before. */
function assertionMemory() {
  const remembered = new Map<string, Date>();
  const rememberAssertion = async (assertionId: string, notOnOrAfter: Date) => {
    if (remembered.has(assertionId)) return false;
    remembered.set(assertionId, notOnOrAfter);
    return true;
  };
  return { remembered, rememberAssertion };
}

const verify = (samlResponse: string, settings = settingsFor(idp), options: Partial<VerifySamlResponseOptions> = {}) =>
  verifySamlResponse(settings, samlResponse, { rememberAssertion: assertionMemory().rememberAssertion, ...options });

async function refusalOf(samlResponse: string, settings = settingsFor(idp), options: Partial<VerifySamlResponseOptions> = {}) {
  const error = await verify(samlResponse, settings, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof IdentityVerificationError)) throw new Error(`expected an IdentityVerificationError, got ${String(error)}`);
  return error;
}

const base64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
const assertionOf = (xml: string) => xml.match(/<saml:Assertion[\s\S]*<\/saml:Assertion>/)![0];
/** The signed assertion rewritten by an attacker: another user, the signature dropped. */
const forgedFrom = (signedAssertion: string, id?: string) => {
  const forged = signedAssertion
    .replace(/<ds:Signature[\s\S]*?<\/ds:Signature>/, '')
    .replace('ada@example.com</saml:NameID>', 'root@example.com</saml:NameID>');
  return id ? forged.replace(/^<saml:Assertion ID="[^"]+"/, `<saml:Assertion ID="${id}"`) : forged;
};
const attack = (mutate: (signedXml: string) => string, options: SignedResponseOptions = {}) =>
  idp.signedResponse({ signResponse: false, ...options, afterSigning: mutate });

describe('verifySamlResponse accepts', () => {
  it('a response signed by the IdP: identity, groups, assertion id and session', async () => {
    // given a signed response for Ada
    const memory = assertionMemory();
    const now = new Date();
    const response = idp.signedResponse({ now, assertionId: '_assertion-1', sessionIndex: '_session-1' });

    // when it is verified
    const identity = await verify(response, settingsFor(idp), { rememberAssertion: memory.rememberAssertion, now: () => now });

    // then Ada is identified with her groups, and the assertion id is remembered until it expires
    expect(identity).toMatchObject({
      externalId: 'ada@example.com',
      email: 'ada@example.com',
      displayName: 'Ada Lovelace',
      groups: ['analysts', 'engineering'],
      assertionId: '_assertion-1',
      sessionIndex: '_session-1',
      issuer: idp.entityId,
    });
    expect(identity.attributes['groups']).toEqual(['analysts', 'engineering']);
    expect(identity.validUntil?.getTime()).toBe(now.getTime() + 8 * 60 * 60_000);
    expect(memory.remembered.get('_assertion-1')?.getTime()).toBe(now.getTime() + 5 * 60_000);
  });

  it('a response whose assertion alone is signed (IdPs that do not sign the response)', async () => {
    await expect(verify(idp.signedResponse({ signResponse: false }))).resolves.toMatchObject({ externalId: 'ada@example.com' });
  });

  it('attributes under configured names', async () => {
    const response = idp.signedResponse({ attributes: { mailbox: 'a@corp.test', fullName: 'Ada L.', roles: ['admins'] } });
    const settings = settingsFor(idp, { attributeNames: { email: 'mailbox', displayName: 'fullName', groups: 'roles' } });
    await expect(verify(response, settings)).resolves.toMatchObject({ email: 'a@corp.test', displayName: 'Ada L.', groups: ['admins'] });
  });

  it('during a certificate rollover, a response signed with the second of two trusted certificates', async () => {
    // given an IdP that has moved to a new key while the SP trusts the old and the new certificate
    const oldKey = await createSigningKey({ commonName: 'old.idp.test' });
    const rolledOver = await createTestIdentityProvider();
    const settings = settingsFor(rolledOver, { signingCertificates: [oldKey.certificatePem, rolledOver.certificatePem] });

    // when / then the response signed with the new key is accepted
    await expect(verify(rolledOver.signedResponse(), settings)).resolves.toMatchObject({ externalId: 'ada@example.com' });
  });

  it('an assertion that expired less than clockSkewMs ago', async () => {
    const issuedAt = new Date(Date.now() - 5 * 60_000 - 30_000);
    const response = idp.signedResponse({ now: issuedAt });
    await expect(verify(response, settingsFor(idp, { clockSkewMs: 60_000 }))).resolves.toBeDefined();
  });
});

describe('verifySamlResponse refuses, each with its own code', () => {
  it('an unsigned response', async () => {
    const refusal = await refusalOf(idp.signedResponse({ signAssertion: false, signResponse: false }));
    expect(refusal.code).toBe(ErrorCode.SamlResponseUnsigned);
  });

  it('a response whose assertion is not signed, though the response is', async () => {
    const refusal = await refusalOf(idp.signedResponse({ signAssertion: false, signResponse: true }));
    expect(refusal.code).toBe(ErrorCode.SamlResponseUnsigned);
  });

  it('a response signed by a key the SP does not trust (its certificate embedded in KeyInfo)', async () => {
    const refusal = await refusalOf(idp.signedResponse({ signWith: strangerKey }));
    expect(refusal.code).toBe(ErrorCode.SamlSignatureInvalid);
  });

  it('a NameID changed after signing', async () => {
    const refusal = await refusalOf(attack((xml) => xml.replace('ada@example.com</saml:NameID>', 'root@example.com</saml:NameID>')));
    expect(refusal.code).toBe(ErrorCode.SamlDigestMismatch);
  });

  it('a group added after signing', async () => {
    const refusal = await refusalOf(
      attack((xml) =>
        xml.replace(
          '<saml:AttributeValue>analysts',
          '<saml:AttributeValue>platform-admins</saml:AttributeValue><saml:AttributeValue>analysts',
        ),
      ),
    );
    expect(refusal.code).toBe(ErrorCode.SamlDigestMismatch);
  });

  it('a signed response whose Destination was changed after signing (the response signature is checked too)', async () => {
    const refusal = await refusalOf(
      idp.signedResponse({
        destination: 'https://elsewhere.test/acs',
        afterSigning: (xml) => xml.replace('https://elsewhere.test/acs', idp.serviceProvider.acsUrl),
      }),
    );
    expect(refusal.code).toBe(ErrorCode.SamlDigestMismatch);
  });

  describe('signature wrapping', () => {
    it('a forged unsigned assertion beside the signed one', async () => {
      const refusal = await refusalOf(
        attack((xml) => xml.replace(assertionOf(xml), forgedFrom(assertionOf(xml), '_forged') + assertionOf(xml))),
      );
      expect(refusal.code).toBe(ErrorCode.SamlSignatureWrapping);
      expect(refusal.message).toContain('more than one assertion');
    });

    it('a forged unsigned assertion that contains the signed one', async () => {
      const refusal = await refusalOf(
        attack((xml) => {
          const signed = assertionOf(xml);
          const wrapper = forgedFrom(signed, '_wrapper').replace(
            /<\/saml:Assertion>$/,
            `<saml:Advice>${signed}</saml:Advice></saml:Assertion>`,
          );
          return xml.replace(signed, wrapper);
        }),
      );
      expect(refusal.code).toBe(ErrorCode.SamlSignatureWrapping);
      expect(refusal.message).toContain('more than one assertion');
    });

    it('the signed assertion moved into Extensions, a forged one with its ID in its place', async () => {
      const refusal = await refusalOf(
        attack((xml) => {
          const signed = assertionOf(xml);
          return xml
            .replace(signed, forgedFrom(signed))
            .replace('</saml:Issuer><samlp:Status>', `</saml:Issuer><samlp:Extensions>${signed}</samlp:Extensions><samlp:Status>`);
        }),
      );
      expect(refusal.code).toBe(ErrorCode.SamlSignatureWrapping);
      expect(refusal.message).toContain('two elements carry the same ID');
    });

    it('the signed assertion moved into a ds:Object of the signature, a forged one in its place', async () => {
      const refusal = await refusalOf(
        attack((xml) => {
          const signed = assertionOf(xml);
          const signature = signed.match(/<ds:Signature[\s\S]*?<\/ds:Signature>/)![0];
          const carrier = signature.replace('</ds:Signature>', `<ds:Object>${signed}</ds:Object></ds:Signature>`);
          return xml.replace(signed, forgedFrom(signed, '_forged').replace('</saml:Issuer>', `</saml:Issuer>${carrier}`));
        }),
      );
      expect(refusal.code).toBe(ErrorCode.SamlSignatureWrapping);
      expect(refusal.message).toContain('more than one assertion');
    });

    it('a forged assertion in a foreign namespace beside the signed one (read by local name)', async () => {
      const refusal = await refusalOf(
        attack((xml) => {
          const signed = assertionOf(xml);
          const foreign = forgedFrom(signed, '_foreign')
            .replace(/saml:/g, 'evil:')
            .replace('<evil:Assertion ', '<evil:Assertion xmlns:evil="urn:example:evil" ');
          return xml.replace(signed, foreign + signed);
        }),
      );
      expect(refusal.code).toBe(ErrorCode.SamlSignatureWrapping);
      expect(refusal.message).toContain('more than one assertion');
    });

    it('a forged element reusing the signed assertion ID under a namespaced ID attribute', async () => {
      const refusal = await refusalOf(
        attack((xml) => {
          const id = assertionOf(xml).match(/^<saml:Assertion ID="([^"]+)"/)![1];
          return xml.replace(
            '<samlp:Status>',
            `<samlp:Extensions><x:Note xmlns:x="urn:example:x" x:ID="${id}"/></samlp:Extensions><samlp:Status>`,
          );
        }),
      );
      expect(refusal.code).toBe(ErrorCode.SamlSignatureWrapping);
      expect(refusal.message).toContain('two elements carry the same ID');
    });

    it('the response signature moved into a forged assertion, so the assertion seems signed', async () => {
      const refusal = await refusalOf(
        idp.signedResponse({
          signAssertion: false,
          signResponse: true,
          afterSigning: (xml) => {
            const signature = xml.match(/<ds:Signature[\s\S]*?<\/ds:Signature>/)![0];
            const assertion = assertionOf(xml);
            return xml
              .replace(signature, '')
              .replace(assertion, forgedFrom(assertion).replace('</saml:Issuer>', `</saml:Issuer>${signature}`));
          },
        }),
      );
      expect(refusal.code).toBe(ErrorCode.SamlSignatureWrapping);
      expect(refusal.message).toContain('does not reference the element it sits in');
    });
  });

  it('an expired assertion', async () => {
    const refusal = await refusalOf(idp.signedResponse({ now: new Date(Date.now() - 60 * 60_000) }));
    expect(refusal.code).toBe(ErrorCode.SamlAssertionExpired);
  });

  it('an assertion whose bearer confirmation expired while its conditions still hold', async () => {
    const refusal = await refusalOf(idp.signedResponse({ subjectNotOnOrAfter: new Date(Date.now() - 1_000) }));
    expect(refusal.code).toBe(ErrorCode.SamlAssertionExpired);
  });

  it('an assertion that is not valid yet, by the injected clock', async () => {
    const now = new Date();
    const refusal = await refusalOf(idp.signedResponse({ now: new Date(now.getTime() + 10 * 60_000) }), settingsFor(idp), {
      now: () => now,
    });
    expect(refusal.code).toBe(ErrorCode.SamlAssertionNotYetValid);
  });

  it('an assertion for another audience', async () => {
    const refusal = await refusalOf(idp.signedResponse({ audience: 'https://other-sp.test' }));
    expect(refusal.code).toBe(ErrorCode.SamlAudienceMismatch);
  });

  it('an assertion for another recipient', async () => {
    const refusal = await refusalOf(idp.signedResponse({ recipient: 'https://other-sp.test/acs' }));
    expect(refusal.code).toBe(ErrorCode.SamlRecipientMismatch);
  });

  it('a response sent to another destination', async () => {
    const refusal = await refusalOf(idp.signedResponse({ destination: 'https://other-sp.test/acs' }));
    expect(refusal.code).toBe(ErrorCode.SamlRecipientMismatch);
  });

  it('an assertion from another issuer, though signed with a trusted key', async () => {
    const refusal = await refusalOf(idp.signedResponse({ issuer: 'https://rogue-idp.test' }));
    expect(refusal.code).toBe(ErrorCode.SamlIssuerMismatch);
  });

  it('an assertion used a second time', async () => {
    // given a response that was accepted once
    const memory = assertionMemory();
    const response = idp.signedResponse();
    await verify(response, settingsFor(idp), { rememberAssertion: memory.rememberAssertion });

    // when it is posted again, then it is a replay
    const refusal = await refusalOf(response, settingsFor(idp), { rememberAssertion: memory.rememberAssertion });
    expect(refusal.code).toBe(ErrorCode.SamlAssertionReplayed);
  });

  it('a comment injected into the NameID (it still verifies: c14n drops comments)', async () => {
    const refusal = await refusalOf(
      attack((xml) => xml.replace('ada@example.com.evil.test</saml:NameID>', 'ada@example.com<!---->.evil.test</saml:NameID>'), {
        nameId: 'ada@example.com.evil.test',
      }),
    );
    expect(refusal.code).toBe(ErrorCode.SamlNameIdComment);
  });

  it('a response the IdP marks as failed', async () => {
    const failed =
      '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r" Version="2.0" IssueInstant="2026-01-01T00:00:00Z">' +
      '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder">' +
      '<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode></samlp:Status></samlp:Response>';
    const refusal = await refusalOf(base64(failed));
    expect(refusal.code).toBe(ErrorCode.SamlStatusNotSuccess);
    expect(refusal.message).toContain('Responder/AuthnFailed');
  });

  it.each([
    ['not base64', '%%%'],
    ['not XML', base64('<samlp:Response')],
    ['not a Response', base64('<foo/>')],
    [
      'XML an error-tolerant parser would repair',
      base64('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><a></b></samlp:Response>'),
    ],
    ['a DOCTYPE', base64(`<!DOCTYPE r [<!ENTITY x "y">]><samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>`)],
    [
      'no assertion',
      base64(
        '<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r"><samlp:Status>' +
          '<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:Response>',
      ),
    ],
  ])('a malformed response: %s', async (_case, response) => {
    const refusal = await refusalOf(response);
    expect(refusal.code).toBe(ErrorCode.SamlResponseMalformed);
  });

  it('anything when no signing certificate is configured, with the troubleshooting remedy', async () => {
    const refusal = await refusalOf(idp.signedResponse(), settingsFor(idp, { signingCertificates: [] }));
    expect(refusal.code).toBe(ErrorCode.SamlAssertionInvalid);
    expect(refusal.message).toBe(
      'SAML assertion validation failed: verify the SAML certificate and configuration (query validateSamlConfig)',
    );
  });

  it('does not remember an assertion it refused', async () => {
    const memory = assertionMemory();
    await refusalOf(idp.signedResponse({ assertionId: '_refused', audience: 'https://other-sp.test' }), settingsFor(idp), {
      rememberAssertion: memory.rememberAssertion,
    });
    expect(memory.remembered.has('_refused')).toBe(false);
  });
});
