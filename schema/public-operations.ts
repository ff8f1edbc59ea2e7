/**
 * Root fields anyone may call without a token: the sign-in operations that hand out tokens. The
 * gateway lets operations made only of these (and introspection) through unauthenticated; each
 * subgraph's permission table marks them public too.
 */
export const PUBLIC_ROOT_FIELDS: ReadonlySet<string> = new Set(['authenticate', 'refreshSession', 'requestServiceAccountToken']);
