import type { PlatformConfig } from '../config';
import { issuePlatformToken, type TokenClaims, type TokenSettings } from './platform-token';
import { SigningKeyRing } from './signing-key-ring';

export type IssuePlatformToken = (claims: TokenClaims) => Promise<string>;

/** Issuer, audience and lifetime of platform tokens, as configured. */
export function tokenSettings(config: PlatformConfig): TokenSettings {
  return { issuer: config.tokenIssuer, audience: config.tokenAudience, ttlSeconds: config.tokenTtlSeconds };
}

/** Opens the key ring in KEYS_DIR and the configured token settings into one issuer: the newest key signs each token. */
export async function createPlatformTokenIssuer(config: PlatformConfig): Promise<IssuePlatformToken> {
  const ring = await SigningKeyRing.open(config.keysDir, { graceSeconds: config.signingKeyGraceSeconds });
  const settings = tokenSettings(config);
  return (claims) => issuePlatformToken(ring, settings, claims);
}
