/**
 * The DOM parser the SAML checks use: @xmldom/xmldom (node-saml's and xml-crypto's own parser, so
 * all three read the same tree). It is required rather than imported because its typings declare
 * `/// <reference lib="dom" />`, which would retype globals such as fetch's `Headers` for the whole
 * program; these few structural types are all the checks need.
 */
export interface XmlNode {
  readonly nodeType: number;
  readonly parentNode: XmlNode | null;
  readonly firstChild: XmlNode | null;
  readonly lastChild: XmlNode | null;
  readonly nextSibling: XmlNode | null;
  readonly previousSibling: XmlNode | null;
  readonly textContent: string | null;
}

export interface XmlAttribute {
  readonly prefix: string | null;
  readonly localName: string;
  readonly value: string;
}

export interface XmlElement extends XmlNode {
  readonly namespaceURI: string | null;
  readonly localName: string;
  readonly attributes: { readonly length: number; item(index: number): XmlAttribute | null };
  getAttribute(name: string): string | null;
}

export interface XmlDocument extends XmlNode {
  readonly documentElement: XmlElement | null;
}

export const NodeType = { element: 1, processingInstruction: 7, comment: 8, documentType: 10 } as const;

interface XmlDomParser {
  new (options: { locator: object; errorHandler: (message: string) => void }): {
    parseFromString(xml: string, mimeType: string): XmlDocument;
  };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DOMParser } = require('@xmldom/xmldom') as { DOMParser: XmlDomParser };

/**
 * Parses `xml`, or answers undefined when it is not well-formed. xmldom recovers from errors and
 * only warns about some (a mismatched end tag); SAML from an IdP is always well-formed, so any
 * complaint at all means the document is refused.
 */
export function parseXml(xml: string): XmlDocument | undefined {
  let complaint = false;
  const document = new DOMParser({
    locator: {},
    errorHandler: () => {
      complaint = true;
    },
  }).parseFromString(xml, 'text/xml');
  return complaint ? undefined : document;
}
