import { verify } from 'node:crypto';
import { ExclusiveCanonicalization, ExclusiveCanonicalizationWithComments, SignedXml } from 'xml-crypto';
import { XMLDSIG_NS, childElements, isElement } from './inspect-saml-response';
import type { XmlElement } from './xml-dom';

/**
 * What one enveloped signature says, checked against every trusted certificate:
 * - `valid`: the signed content is intact and a trusted key signed it;
 * - `digest-mismatch`: a trusted key signed it, and the content changed afterwards (tampering);
 * - `untrusted-key`: no trusted key made this signature (another key, or a forged SignedInfo).
 *
 * xml-crypto is the authority for `valid`; telling the two refusals apart needs the SignedInfo's
 * signature checked on its own, which xml-crypto only does once every digest matched.
 */
export type SignatureVerdict = 'valid' | 'digest-mismatch' | 'untrusted-key';

export function checkSamlSignature(xml: string, signature: XmlElement, trustedCertificates: readonly string[]): SignatureVerdict {
  let digestMismatch = false;
  for (const certificate of trustedCertificates) {
    // getCertFromKeyInfo stays the default no-op: a certificate embedded in the response is never trusted.
    const signed = new SignedXml({ publicCert: certificate });
    try {
      signed.loadSignature(signature);
      if (signed.checkSignature(xml)) return 'valid';
      digestMismatch = true; // xml-crypto answers false only when a reference digest differs
    } catch {
      // thrown when the SignatureValue does not verify under this certificate: try the next one
    }
  }
  return digestMismatch && signedInfoSignedByTrustedKey(signature, trustedCertificates) ? 'digest-mismatch' : 'untrusted-key';
}

const SIGNATURE_ALGORITHMS: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': 'RSA-SHA1',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': 'RSA-SHA256',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': 'RSA-SHA512',
};

const CANONICALIZATIONS: Record<string, () => ExclusiveCanonicalization> = {
  'http://www.w3.org/2001/10/xml-exc-c14n#': () => new ExclusiveCanonicalization(),
  'http://www.w3.org/2001/10/xml-exc-c14n#WithComments': () => new ExclusiveCanonicalizationWithComments(),
};

/** Used only to name a refusal: it never makes a signature count as valid. */
function signedInfoSignedByTrustedKey(signature: XmlElement, trustedCertificates: readonly string[]): boolean {
  const signedInfo = childElements(signature).find((element) => isElement(element, XMLDSIG_NS, 'SignedInfo'));
  const signatureValue = childElements(signature).find((element) => isElement(element, XMLDSIG_NS, 'SignatureValue'));
  if (!signedInfo || !signatureValue) return false;
  const method = (name: string) =>
    childElements(signedInfo)
      .find((element) => isElement(element, XMLDSIG_NS, name))
      ?.getAttribute('Algorithm') ?? '';
  const algorithm = SIGNATURE_ALGORITHMS[method('SignatureMethod')];
  const canonicalization = CANONICALIZATIONS[method('CanonicalizationMethod')];
  if (!algorithm || !canonicalization) return false;
  const canonicalSignedInfo = canonicalization().process(signedInfo, { ancestorNamespaces: ancestorNamespaces(signedInfo) });
  const value = Buffer.from((signatureValue.textContent ?? '').replace(/\s+/g, ''), 'base64');
  return trustedCertificates.some((certificate) => {
    try {
      return verify(algorithm, Buffer.from(canonicalSignedInfo, 'utf8'), certificate, value);
    } catch {
      return false;
    }
  });
}

/** Namespace prefixes declared above `element`, nearest first wins: InclusiveNamespaces may name them. */
function ancestorNamespaces(element: XmlElement): { prefix: string; namespaceURI: string }[] {
  const found = new Map<string, string>();
  for (let node = element.parentNode; node && node.nodeType === 1; node = node.parentNode) {
    const attributes = (node as XmlElement).attributes;
    for (let i = 0; i < attributes.length; i += 1) {
      const attribute = attributes.item(i)!;
      if (attribute.prefix === 'xmlns' && !found.has(attribute.localName)) found.set(attribute.localName, attribute.value);
    }
  }
  return [...found].map(([prefix, namespaceURI]) => ({ prefix, namespaceURI }));
}
