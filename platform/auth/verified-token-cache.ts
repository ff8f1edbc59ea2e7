import type { AuthContext } from './auth-context';

export type VerifyToken = (token: string) => Promise<AuthContext>;

/**
 * Wraps a token verifier so that a token this process has already verified is not verified
 * again (an ES256 signature check per request was the largest single cost of a gateway call,
 * paid once at the gateway and again at every subgraph it reaches). Only successes are kept,
 * keyed by the whole token string, and only while the token is unexpired by the verifier's own
 * rule (valid while now < exp, in whole seconds); past that the verifier runs again and refuses
 * it as before. Entries are dropped oldest first beyond `maxEntries`.
 */
export function rememberVerifiedTokens(verify: VerifyToken, maxEntries = 10_000): VerifyToken {
  const verified = new Map<string, { readonly auth: AuthContext; readonly expiresAt: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known && Math.floor(Date.now() / 1000) < known.expiresAt) return known.auth;
    verified.delete(token);
    const auth = Object.freeze(await verify(token));
    const expiresAt = expiryOf(token);
    if (expiresAt !== undefined) {
      if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
      verified.set(token, { auth, expiresAt });
    }
    return auth;
  };
}

/** The `exp` claim (seconds) of a JWT that has just been verified; undefined if it has none. */
function expiryOf(token: string): number | undefined {
  try {
    const exp: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}
