import type { AuthContext } from '../platform/auth/auth-context';
import { verifyPlatformToken } from '../platform/auth/platform-token';
import { loadOrCreateSigningKeys } from '../platform/auth/signing-keys';
import { rememberVerifiedTokens } from '../platform/auth/verified-token-cache';
import type { PlatformConfig } from '../platform/config';

/** The verifier every process (gateway and each subgraph) uses on the platform token, remembering tokens it has verified. */
export async function createTokenVerifier(config: PlatformConfig): Promise<(token: string) => Promise<AuthContext>> {
  const keys = await loadOrCreateSigningKeys(config.keysDir);
  const settings = { issuer: config.tokenIssuer, audience: config.tokenAudience, ttlSeconds: config.tokenTtlSeconds };
  return rememberVerifiedTokens((token) => verifyPlatformToken(keys, settings, token));
}
