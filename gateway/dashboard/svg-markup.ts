/** Attribute values; an undefined one is left out, so optional attributes need no branching. */
export type Attributes = Readonly<Record<string, string | number | undefined>>;

const XML_SPECIALS: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
/** Characters XML 1.0 does not allow at all, even escaped: one of them would make the whole picture unreadable. */
const NOT_XML_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATES = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text made safe for XML content and attribute values. Labels carry tenant names, model ids and
 * failure reasons, which come from users and other systems; the same string is also put into a
 * page with innerHTML, so nothing in it may be read as markup.
 */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHARACTERS, '')
    .replace(LONE_SURROGATES, '\uFFFD')
    .replace(/[&<>"']/g, (special) => XML_SPECIALS[special]);
}

/** One element, attributes in the order given (so the output is byte-for-byte stable); `children` are markup already. */
export function element(name: string, attributes: Attributes, ...children: string[]): string {
  const written = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value))}"`)
    .join('');
  return children.length === 0 ? `<${name}${written}/>` : `<${name}${written}>${children.join('')}</${name}>`;
}

/** A text node's content. */
export const text = escapeXml;

/** A coordinate with one decimal: enough for a screen, and the same digits on every machine. */
export function px(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(rounded === 0 ? 0 : rounded);
}
