/**
 * Reads a rendered SVG back as XML with @xmldom/xmldom, the parser the SAML checks use. It is
 * required rather than imported because its typings pull the DOM library into the whole program
 * (see subgraphs/enterprise/identity/saml/xml-dom.ts); these structural types are all the specs need.
 */
export interface SvgElement {
  readonly localName: string;
  readonly namespaceURI: string | null;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): { readonly length: number; item(index: number): SvgElement | null };
}

interface XmlDomParser {
  new (options: { locator: object; errorHandler: (message: string) => void }): {
    parseFromString(xml: string, mimeType: string): { readonly documentElement: SvgElement | null };
  };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DOMParser } = require('@xmldom/xmldom') as { DOMParser: XmlDomParser };

/** The root element of `svg`; throws when xmldom has any complaint, since a browser refuses ill-formed SVG outright. */
export function parseSvg(svg: string): SvgElement {
  const complaints: string[] = [];
  const document = new DOMParser({ locator: {}, errorHandler: (message) => complaints.push(message) }).parseFromString(svg, 'image/svg+xml');
  if (complaints.length > 0 || !document.documentElement) throw new Error(`not well-formed SVG: ${complaints.join('; ')}`);
  return document.documentElement;
}

/** Every descendant element named `tag`, in document order. */
export function elementsNamed(root: SvgElement, tag: string): SvgElement[] {
  const list = root.getElementsByTagName(tag);
  return Array.from({ length: list.length }, (_, index) => list.item(index)!);
}

/** Every descendant element whose class list holds `className`. */
export function elementsWithClass(root: SvgElement, className: string): SvgElement[] {
  return elementsNamed(root, '*').filter((element) => (element.getAttribute('class') ?? '').split(/\s+/).includes(className));
}
