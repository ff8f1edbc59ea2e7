/**
 * The slice of the browser the dashboard's script touches, typed here. The project compiles as one
 * program without TypeScript's DOM library, whose globals (Headers, Response, …) clash with Node's
 * (see subgraphs/enterprise/identity/saml/xml-dom.ts); the page needs only these few members, and
 * `fetch`, which Node's typings already describe as browsers have it.
 */
export interface PageEvent {
  preventDefault(): void;
}

export interface PageElement {
  hidden: boolean;
  textContent: string | null;
  /** Set only to markup built from escaped text (renderForecastSvg), never to data as it came. */
  innerHTML: string;
  replaceChildren(...children: PageElement[]): void;
  addEventListener(type: 'submit' | 'change' | 'click', listener: (event: PageEvent) => void): void;
  focus(): void;
}

/** An input, a checkbox or a select. */
export interface FieldElement extends PageElement {
  value: string;
  checked: boolean;
}

/** localStorage: shared by every page of the origin, the Playground's included. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface BrowserPage {
  readonly document: { title: string; getElementById(id: string): PageElement | null; createElement(tag: string): PageElement };
  readonly location: { readonly pathname: string };
  readonly localStorage: KeyValueStorage;
}

/** The page the script runs in. */
export function browserPage(): BrowserPage {
  return globalThis as unknown as BrowserPage;
}

/** An element the page's HTML must have; its absence is a build mistake, not something to work around. */
export function pageElement<T extends PageElement = PageElement>(page: BrowserPage, id: string): T {
  const found = page.document.getElementById(id);
  if (!found) throw new Error(`the dashboard page has no #${id} element`);
  return found as T;
}
