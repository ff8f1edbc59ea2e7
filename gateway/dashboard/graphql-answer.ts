import type { ErrorCode } from '../../platform/errors';

/**
 * What the page makes of one answer from /graphql: the data, a reason to ask the user to sign in
 * (no token, a refused one, or one that may not see this tenant), or a failure to show as it is.
 * A sign-in answer carries no data at all, so a refused token never shows a partial picture.
 */
export type DashboardAnswer<T> =
  | { readonly kind: 'data'; readonly data: T }
  | { readonly kind: 'sign-in'; readonly message: string }
  | { readonly kind: 'failed'; readonly message: string };

// The platform's codes, spelt out rather than imported: platform/errors.ts brings graphql-js with it.
const UNAUTHENTICATED: (typeof ErrorCode)['Unauthenticated'] = 'UNAUTHENTICATED';
const FORBIDDEN: (typeof ErrorCode)['Forbidden'] = 'FORBIDDEN';

interface GraphQLBody {
  readonly data?: unknown;
  readonly errors?: readonly { readonly message?: unknown; readonly extensions?: { readonly code?: unknown } }[];
}

/** Reads an HTTP status and parsed JSON body (null when the body was not JSON) as the page needs it. */
export function readAnswer<T>(status: number, body: unknown): DashboardAnswer<T> {
  const answer = (body !== null && typeof body === 'object' ? body : {}) as GraphQLBody;
  const errors = answer.errors ?? [];
  const codes = errors.map((error) => error.extensions?.code);
  const messages = errors.map((error) => (typeof error.message === 'string' ? error.message : 'unknown error')).join(' ');
  if (status === 401 || codes.includes(UNAUTHENTICATED)) return { kind: 'sign-in', message: `The token was refused: ${messages || 'not signed in.'}` };
  if (codes.includes(FORBIDDEN)) return { kind: 'sign-in', message: `This token may not see this tenant's scaling: ${messages} Sign in as someone who may.` };
  if (errors.length > 0) return { kind: 'failed', message: messages };
  if (status !== 200 || answer.data === undefined || answer.data === null) return { kind: 'failed', message: `The gateway answered HTTP ${status} without data.` };
  return { kind: 'data', data: answer.data as T };
}
