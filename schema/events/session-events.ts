import type { DomainEvent } from '../../platform/commands/decider';
import type { Role } from '../../platform/auth/auth-context';

/**
 * Events of the `session-<id>` streams, owned by the enterprise subgraph. A session is opened by
 * signing in; its access tokens carry its id (`sid`), so revoking the session revokes them.
 * Refresh tokens are stored only as SHA-256 hashes.
 */
export const SESSION_CATEGORY = 'session';
export const sessionStreamId = (sessionId: string): string => `${SESSION_CATEGORY}-${sessionId}`;

export type SessionStarted = DomainEvent<
  'SessionStarted',
  {
    readonly sessionId: string;
    readonly tenantId: string;
    readonly userId: string;
    readonly roles: readonly Role[];
    /** saml | oidc | ldap */
    readonly authMethod: string;
    readonly providerId: string;
    readonly refreshTokenHash: string;
    readonly startedAt: string;
    /** The session ends here at the latest, refreshed or not. */
    readonly expiresAt: string;
  }
>;
export type SessionRefreshed = DomainEvent<
  'SessionRefreshed',
  { readonly sessionId: string; readonly previousRefreshTokenHash: string; readonly refreshTokenHash: string; readonly refreshedAt: string }
>;
export type SessionRevoked = DomainEvent<
  'SessionRevoked',
  {
    readonly sessionId: string;
    readonly tenantId: string;
    /** logout | revoked | role-revoked | provider-removed | refresh-token-reused */
    readonly reason: string;
    readonly revokedAt: string;
    /** Copied from SessionStarted so that a revocation list can forget the session after it. */
    readonly expiresAt: string;
  }
>;
export type SessionEvent = SessionStarted | SessionRefreshed | SessionRevoked;

/** Version 2 of the events carrying roles writes them as the API's enums name them (TENANT_ADMIN, not tenant-admin); see ./upcasters.ts. */
export const SESSION_EVENT_VERSIONS: Readonly<Record<SessionEvent['type'], number>> = {
  SessionStarted: 2,
  SessionRefreshed: 1,
  SessionRevoked: 1,
};
