import type { JSONWebKeySet } from 'jose';
import { DEVELOPMENT_AUTH_METHOD } from '../platform/auth/dev-token';
import { verifyPlatformToken } from '../platform/auth/platform-token';
import { ErrorCode, platformError } from '../platform/errors';
import { SessionRevocationList, type SessionRevocation, type SessionRevokedListener } from '../platform/auth/session-revocations';
import { SigningKeyRing } from '../platform/auth/signing-key-ring';
import { tokenSettings } from '../platform/auth/token-issuer';
import { rememberVerifiedTokens, type VerifyToken } from '../platform/auth/verified-token-cache';
import type { PlatformConfig } from '../platform/config';
import type { EventStore, RecordedEvent } from '../platform/eventstore/port';
import type { Logger } from '../platform/logging';
import { SESSION_CATEGORY, type SessionRevoked } from '../schema/events/session-events';
import { SERVICE_ACCOUNT_CATEGORY, type ServiceAccountRevoked, type ServiceAccountSecretRotated } from '../schema/events/service-account-events';

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

/**
 * The events that end tokens: a user's session revoked, and a service account's secret rotated
 * (its tokens carry the secret's id as `sid`) or the account revoked. Such events forget nothing
 * earlier than the tokens they end: a token outlives its issue by the TTL at most.
 */
const REVOCATION_TYPES = ['SessionRevoked', 'ServiceAccountSecretRotated', 'ServiceAccountRevoked'] as const satisfies ReadonlyArray<(SessionRevoked | ServiceAccountSecretRotated | ServiceAccountRevoked)['type']>;

function revocationOf(recorded: RecordedEvent): SessionRevocation | undefined {
  const event = recorded as unknown as SessionRevoked | ServiceAccountSecretRotated | ServiceAccountRevoked;
  switch (event.type) {
    case 'SessionRevoked':
      return { sessionId: event.data.sessionId, expiresAt: event.data.expiresAt };
    case 'ServiceAccountSecretRotated':
      return { sessionId: event.data.previousSecretId, expiresAt: event.data.rotatedAt };
    case 'ServiceAccountRevoked':
      return { sessionId: event.data.secretId, expiresAt: event.data.revokedAt };
    default:
      return undefined;
  }
}

/**
 * The verifier every process (gateway and each subgraph) uses on the platform token: the key
 * ring in KEYS_DIR (picks up rotated keys without a restart) and the revocation list fed by this
 * process's event store. Resolves once the revocations already in the log are known.
 */
export async function createTokenVerifier(config: PlatformConfig, eventStore: EventStore, logger: Logger): Promise<TokenVerification> {
  const ring = await SigningKeyRing.open(config.keysDir, { graceSeconds: config.signingKeyGraceSeconds });
  const revocations = await SessionRevocationList.follow(eventStore, {
    filter: { categories: [SESSION_CATEGORY, SERVICE_ACCOUNT_CATEGORY], eventTypes: REVOCATION_TYPES },
    revocationOf,
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
