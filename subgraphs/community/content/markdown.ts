import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/**
 * Community text (listing documentation, tutorials, posts, ratings) is written in markdown by one
 * tenant's user and shown to every other: it is rendered with marked and then cleaned with
 * sanitize-html's allow-list, so no script, event handler, style or `javascript:` link survives,
 * whatever the markdown or raw HTML inside it tried.
 */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'del', 'input'],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title'],
    code: ['class'],
    th: ['align'],
    td: ['align'],
    input: ['type', 'checked', 'disabled'],
    ol: ['start'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  // Links to other sites leave without handing over the page they came from.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'nofollow noopener noreferrer' }) },
  allowedClasses: { code: [/^language-[\w-]+$/] },
};

/** The markdown rendered to HTML that is safe to put into any page. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false, gfm: true });
  return sanitizeHtml(html, ALLOWED);
}

// The markup as marked wrote it, only serialised the way the sanitiser writes HTML: whatever differs from the sanitised rendering was removed.
const KEEP_EVERYTHING: sanitizeHtml.IOptions = {
  allowedTags: false,
  allowedAttributes: false,
  allowVulnerableTags: true,
  allowedSchemesAppliedToAttributes: [],
  allowedClasses: {},
  allowProtocolRelative: true,
  transformTags: ALLOWED.transformTags,
};

export interface CheckedMarkdown {
  readonly html: string;
  /** Sanitising removed something the markdown asked for: a script, an event handler, a `javascript:` link, a style… */
  readonly removedUnsafe: boolean;
}

/** renderMarkdown's HTML, and whether making it safe removed anything, for validation that reports it. */
export function renderMarkdownChecked(markdown: string): CheckedMarkdown {
  const raw = marked.parse(markdown, { async: false, gfm: true });
  const html = sanitizeHtml(raw, ALLOWED);
  return { html, removedUnsafe: html !== sanitizeHtml(raw, KEEP_EVERYTHING) };
}

/** Plain text with every tag dropped (titles, names, short ratings): what a search index and a list show. */
export function plainText(text: string): string {
  return sanitizeHtml(text, { allowedTags: [], allowedAttributes: {} }).trim();
}
