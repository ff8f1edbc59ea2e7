import { NodeType, parseXml, type XmlDocument, type XmlElement, type XmlNode } from './xml-dom';
import { samlRefusal } from './saml-refusals';

/**
 * Structural checks on a SAML Response before any signature is believed. node-saml refuses
 * wrapped or tampered responses too, but with messages that do not tell the attacks apart and
 * only for the shapes it knows; these checks name the attack and refuse every shape in which the
 * element that was signed is not the one that would be read.
 */

export const SAML_PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const SAML_ASSERTION_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';

/** A base64 SAMLResponse larger than this is refused before it is decoded or parsed. */
export const MAX_SAML_RESPONSE_BASE64_LENGTH = 512 * 1024;

const ELEMENT_NODE = NodeType.element;
const PROCESSING_INSTRUCTION_NODE = NodeType.processingInstruction;
const COMMENT_NODE = NodeType.comment;
const DOCUMENT_TYPE_NODE = NodeType.documentType;

export interface InspectedSamlResponse {
  /** The decoded XML, newlines normalised as the XML processor (we) must before signatures are checked. */
  readonly xml: string;
  readonly response: XmlElement;
  readonly assertion: XmlElement;
  /** The assertion's own signature: always present once inspection passed. */
  readonly assertionSignature: XmlElement;
  /** The response's signature, when the IdP signs the response too. */
  readonly responseSignature?: XmlElement;
}

export function inspectSamlResponse(samlResponseBase64: string): InspectedSamlResponse {
  const xml = decode(samlResponseBase64);
  const document = parse(xml);
  const response = document.documentElement;
  if (!response || !isElement(response, SAML_PROTOCOL_NS, 'Response')) {
    throw samlRefusal.malformed('the document is not a samlp:Response');
  }
  refuseUnsuccessfulStatus(response);

  const all = descendantElements(response);
  refuseDuplicateIds([response, ...all]);
  const assertion = theOnlyAssertion(response, all);
  refuseCommentsInAssertion(assertion);

  const signatures = all.filter((element) => isElement(element, XMLDSIG_NS, 'Signature'));
  for (const signature of signatures) requireEnvelopedSignatureOfItsParent(signature, response, assertion);
  const assertionSignature = signatures.find((signature) => signature.parentNode === assertion);
  const responseSignature = signatures.find((signature) => signature.parentNode === response);
  if (!assertionSignature) {
    throw samlRefusal.unsigned(
      responseSignature ? 'its assertion is not signed (only the response is)' : 'neither the response nor its assertion is signed',
    );
  }
  return { xml, response, assertion, assertionSignature, ...(responseSignature ? { responseSignature } : {}) };
}

function decode(samlResponseBase64: string): string {
  if (samlResponseBase64.length > MAX_SAML_RESPONSE_BASE64_LENGTH) throw samlRefusal.malformed('it is too large');
  const compact = samlResponseBase64.replace(/\s+/g, '');
  if (compact.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw samlRefusal.malformed('it is not base64');
  return Buffer.from(compact, 'base64').toString('utf8').replace(/\r\n?/g, '\n');
}

function parse(xml: string): XmlDocument {
  const document = parseXml(xml);
  if (!document) throw samlRefusal.malformed('the XML is not well-formed');
  // A DTD can declare entities that expand into what the signature did not cover; SAML never needs one.
  for (let node = document.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === DOCUMENT_TYPE_NODE) throw samlRefusal.malformed('it carries a DOCTYPE');
  }
  return document;
}

function refuseUnsuccessfulStatus(response: XmlElement): void {
  const status = childElements(response).find((element) => isElement(element, SAML_PROTOCOL_NS, 'Status'));
  const statusCode = status && childElements(status).find((element) => isElement(element, SAML_PROTOCOL_NS, 'StatusCode'));
  const value = statusCode?.getAttribute('Value') ?? '';
  if (!statusCode) throw samlRefusal.malformed('it has no Status');
  if (value !== SUCCESS) {
    const nested = childElements(statusCode).find((element) => isElement(element, SAML_PROTOCOL_NS, 'StatusCode'));
    const reason = [value, nested?.getAttribute('Value') ?? ''].filter(Boolean).map(lastSegment).join('/');
    throw samlRefusal.statusNotSuccess(reason.slice(0, 120) || 'empty');
  }
}

/**
 * Two elements with one ID let a signature vouch for one while the other is read. xml-crypto
 * resolves references by any attribute whose local name is ID, Id or id, in any namespace.
 */
function refuseDuplicateIds(elements: readonly XmlElement[]): void {
  const seen = new Set<string>();
  for (const element of elements) {
    for (let i = 0; i < element.attributes.length; i += 1) {
      const attribute = element.attributes.item(i)!;
      if (!['ID', 'Id', 'id'].includes(attribute.localName)) continue;
      if (seen.has(attribute.value)) throw samlRefusal.signatureWrapping('two elements carry the same ID');
      seen.add(attribute.value);
    }
  }
}

/**
 * Exactly one assertion, right under the Response. Elements named Assertion are counted whatever
 * their namespace, as node-saml (which selects by local name) would see them.
 */
function theOnlyAssertion(response: XmlElement, all: readonly XmlElement[]): XmlElement {
  const candidates = all.filter((element) => element.localName === 'Assertion' || element.localName === 'EncryptedAssertion');
  if (candidates.length > 1) throw samlRefusal.signatureWrapping('the response carries more than one assertion');
  const [assertion] = candidates;
  if (assertion?.localName === 'EncryptedAssertion') {
    throw samlRefusal.malformed('encrypted assertions are not supported; turn assertion encryption off at the identity provider');
  }
  if (!assertion || !isElement(assertion, SAML_ASSERTION_NS, 'Assertion')) throw samlRefusal.malformed('it has no SAML assertion');
  if (assertion.parentNode !== response) {
    throw samlRefusal.signatureWrapping('the assertion is not a direct child of the Response');
  }
  return assertion;
}

/**
 * Canonicalization drops comments, so `ada@example.com<!---->.evil.test` keeps the signature of
 * `ada@example.com.evil.test` while a parser that reads the first text node sees another user.
 */
function refuseCommentsInAssertion(assertion: XmlElement): void {
  const nameIds = descendantElements(assertion).filter((element) => isElement(element, SAML_ASSERTION_NS, 'NameID'));
  if (nameIds.some((nameId) => hasDescendant(nameId, (node) => node.nodeType === COMMENT_NODE))) {
    throw samlRefusal.nameIdComment();
  }
  if (hasDescendant(assertion, (node) => node.nodeType === COMMENT_NODE || node.nodeType === PROCESSING_INSTRUCTION_NODE)) {
    throw samlRefusal.malformed('the assertion contains XML comments or processing instructions');
  }
}

/** A signature counts only as the enveloped signature of the Response or Assertion it sits in. */
function requireEnvelopedSignatureOfItsParent(signature: XmlElement, response: XmlElement, assertion: XmlElement): void {
  const parent = signature.parentNode;
  if (parent !== response && parent !== assertion) {
    throw samlRefusal.signatureWrapping('a signature sits outside the Response or Assertion it would sign');
  }
  const siblings = childElements(parent as XmlElement).filter((element) => isElement(element, XMLDSIG_NS, 'Signature'));
  if (siblings.length > 1) throw samlRefusal.signatureWrapping('an element carries more than one signature');
  const signedInfo = childElements(signature).find((element) => isElement(element, XMLDSIG_NS, 'SignedInfo'));
  const references = signedInfo ? childElements(signedInfo).filter((element) => isElement(element, XMLDSIG_NS, 'Reference')) : [];
  const parentId = (parent as XmlElement).getAttribute('ID');
  if (references.length !== 1 || !parentId || references[0]!.getAttribute('URI') !== `#${parentId}`) {
    throw samlRefusal.signatureWrapping('a signature does not reference the element it sits in');
  }
}

export function isElement(node: XmlNode, namespace: string, localName: string): node is XmlElement {
  return node.nodeType === ELEMENT_NODE && (node as XmlElement).namespaceURI === namespace && (node as XmlElement).localName === localName;
}

export function childElements(parent: XmlNode): XmlElement[] {
  const children: XmlElement[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === ELEMENT_NODE) children.push(node as XmlElement);
  }
  return children;
}

/** Document order; iterative, so a deeply nested document cannot exhaust the stack. */
function descendantElements(root: XmlNode): XmlElement[] {
  const found: XmlElement[] = [];
  eachDescendant(root, (node) => {
    if (node.nodeType === ELEMENT_NODE) found.push(node as XmlElement);
    return false;
  });
  return found;
}

function hasDescendant(root: XmlNode, test: (node: XmlNode) => boolean): boolean {
  return eachDescendant(root, test);
}

/** Visits every descendant of `root` until `visit` returns true; says whether it did. */
function eachDescendant(root: XmlNode, visit: (node: XmlNode) => boolean): boolean {
  const pending: XmlNode[] = [];
  for (let node = root.lastChild; node; node = node.previousSibling) pending.push(node);
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (visit(node)) return true;
    for (let child = node.lastChild; child; child = child.previousSibling) pending.push(child);
  }
  return false;
}

function lastSegment(urn: string): string {
  return urn.slice(urn.lastIndexOf(':') + 1);
}
