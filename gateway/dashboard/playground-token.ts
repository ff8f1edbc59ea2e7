/**
 * The dashboard signs in the way the Playground does: with a platform token sent as
 * `Authorization: Bearer …` on each POST to /graphql, never in a URL and never in a cookie.
 *
 * The Playground (GraphiQL) keeps its Headers tab, a JSON object, in localStorage under
 * `graphiql:headers` once the user turns on "Persist headers" in its settings (which GraphiQL
 * records as `graphiql:shouldPersistHeaders` = "true"). The dashboard is served from the same
 * origin, so it reads its token from there: someone signed in to the Playground is signed in here.
 * A sign-in on the dashboard that the user asks to remember is written back the same way, so it
 * shows up in the Playground's Headers tab too. These functions work on that stored text only;
 * the page's script does the storage calls.
 */
export const PLAYGROUND_HEADERS_KEY = 'graphiql:headers';
export const PLAYGROUND_PERSIST_HEADERS_KEY = 'graphiql:shouldPersistHeaders';

/** RFC 6750's b64token: what a bearer token may be made of (a JWT is three such parts joined by dots). */
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** The bearer token in the Playground's stored headers, whatever the header's case; null when there is none or the text is not a JSON object. */
export function tokenFromHeaders(headersText: string | null): string | null {
  const headers = headersObject(headersText);
  const name = headers && authorizationName(headers);
  const value = name ? headers[name] : undefined;
  return typeof value === 'string' ? normaliseToken(value) : null;
}

/** The stored headers with `Authorization: Bearer <token>` set, keeping every other header the user put there. */
export function headersWithToken(headersText: string | null, token: string): string {
  return JSON.stringify({ ...withoutAuthorization(headersObject(headersText) ?? {}), Authorization: `Bearer ${token}` }, null, 2);
}

/** The stored headers without the Authorization header, or null when nothing else is left (the key is then removed). */
export function headersWithoutToken(headersText: string | null): string | null {
  const others = withoutAuthorization(headersObject(headersText) ?? {});
  return Object.keys(others).length > 0 ? JSON.stringify(others, null, 2) : null;
}

/**
 * What someone pasted into the sign-in field, as a bare token: "Bearer " and surrounding space
 * removed, as people copy it from a Headers tab or `npm run -s token`. Null when what is left
 * cannot be a bearer token, so it is never sent.
 */
export function normaliseToken(input: string): string | null {
  const token = input.trim().replace(/^Bearer\s+/i, '');
  return BEARER_TOKEN.test(token) ? token : null;
}

function headersObject(text: string | null): Record<string, unknown> | null {
  if (text === null || text.trim() === '') return null;
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    // Half-typed JSON in the Playground's Headers tab: no token until it parses.
    return null;
  }
}

function withoutAuthorization(headers: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
}

function authorizationName(headers: Record<string, unknown>): string | undefined {
  return Object.keys(headers).find((name) => name.toLowerCase() === 'authorization');
}
