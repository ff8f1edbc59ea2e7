import type { JSONWebKeySet } from 'jose';
import { DEVELOPMENT_AUTH_METHOD } from '../platform/auth/dev-token';
import { verifyPlatformToken } from '../platform/auth/platform-token';
import { ErrorCode, platformError } from '../platform/errors';
import { SessionRevocationList, type SessionRevokedListener } from '../platform/auth/session-revocations';
import { SigningKeyRing } from '../platform/auth/signing-key-ring';
import { tokenSettings } from '../platform/auth/token-issuer';
import { rememberVerifiedTokens, type VerifyToken } from '../platform/auth/verified-token-cache';
import type { PlatformConfig } from '../platform/config';
import type { EventStore } from '../platform/eventstore/port';
import type { Logger } from '../platform/logging';
import { SESSION_CATEGORY, type SessionRevoked } from '../schema/events/session-events';

export interface TokenVerification {
  /** Verifies a platform token; key retirement and session revocation are checked on every call, remembered tokens included. */
  readonly verifyToken: VerifyToken;
  /** The unretired public keys, published by the gateway at /.well-known/jwks.json. */
  readonly publishedKeys: () => Promise<JSONWebKeySet>;
  /** Tells a listener of each session revoked from now on (the gateway ends that session's open subscriptions); returns the unsubscribe. */
  readonly onSessionRevoked: (listener: SessionRevokedListener) => () => void;
  /** Ends the revocation subscription; call before closing the event store. */
  stop(): Promise<void>;
}

const SESSION_REVOKED: SessionRevoked['type'] = 'SessionRevoked';

/**
 * The verifier every process (gateway and each subgraph) uses on the platform token: the key
 * ring in KEYS_DIR (picks up rotated keys without a restart) and the revocation list fed by this
 * process's event store. Resolves once the revocations already in the log are known.
 */
export async function createTokenVerifier(config: PlatformConfig, eventStore: EventStore, logger: Logger): Promise<TokenVerification> {
  const ring = await SigningKeyRing.open(config.keysDir, { graceSeconds: config.signingKeyGraceSeconds });
  const revocations = await SessionRevocationList.follow(eventStore, {
    filter: { categories: [SESSION_CATEGORY], eventTypes: [SESSION_REVOKED] },
    retainAfterExpiryMs: config.tokenTtlSeconds * 1000,
    logger,
  });
  const settings = tokenSettings(config);
  const verifySignature = rememberVerifiedTokens((token) => verifyPlatformToken(ring, settings, token));
  return {
    verifyToken: async (token) => {
      const auth = await verifySignature(token);
      // Minting is refused in production too, but a token minted elsewhere with the same keys must not get in either.
      if (config.production && auth.authMethod === DEVELOPMENT_AUTH_METHOD) {
        throw platformError(ErrorCode.DevelopmentTokenRefused, 'This server runs in production (NODE_ENV=production) and refuses development tokens; sign in through an identity provider.');
      }
      await ring.assertKeyUnretired(auth.keyId);
      revocations.assertNotRevoked(auth.sessionId);
      return auth;
    },
    publishedKeys: () => ring.publishedKeys(),
    onSessionRevoked: (listener) => revocations.onRevoked(listener),
    stop: () => revocations.stop(),
  };
}
