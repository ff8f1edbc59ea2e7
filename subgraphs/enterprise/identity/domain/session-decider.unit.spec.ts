import { deciderSpec } from '../../../../test/support/decider-spec';
import type { SessionEvent, SessionStarted } from '../../../../schema/events';
import { sessionDecider, type SessionCommand } from './session-decider';

const spec = deciderSpec(sessionDecider);
const session: SessionStarted['data'] = {
  sessionId: 's1',
  tenantId: 't1',
  userId: 'u1',
  roles: ['ANALYST'],
  authMethod: 'saml',
  providerId: 'p1',
  refreshTokenHash: 'h1',
  startedAt: '2026-11-26T10:00:00.000Z',
  expiresAt: '2026-11-26T18:00:00.000Z',
};
const started: SessionEvent = { type: 'SessionStarted', data: session };
const refresh = (presentedHash: string, at = '2026-11-26T11:00:00.000Z'): SessionCommand => ({ type: 'RefreshSession', sessionId: 's1', presentedHash, nextHash: `${presentedHash}+`, at });
const refreshed: SessionEvent = { type: 'SessionRefreshed', data: { sessionId: 's1', previousRefreshTokenHash: 'h1', refreshTokenHash: 'h1+', refreshedAt: '2026-11-26T11:00:00.000Z' } };
const revoke = (tenantId = 't1'): SessionCommand => ({ type: 'RevokeSession', sessionId: 's1', tenantId, reason: 'logout', at: '2026-11-26T12:00:00.000Z' });
const revoked: SessionEvent = { type: 'SessionRevoked', data: { sessionId: 's1', tenantId: 't1', reason: 'logout', revokedAt: '2026-11-26T12:00:00.000Z', expiresAt: session.expiresAt } };

describe('session decider', () => {
  it('rotates the refresh token', () => {
    spec.given([started]).when(refresh('h1')).then([refreshed]);
  });

  it('revokes the whole session when a spent refresh token comes back (it was copied)', () => {
    spec
      .given([started, refreshed])
      .when(refresh('h1', '2026-11-26T11:30:00.000Z'))
      .then([{ type: 'SessionRevoked', data: { sessionId: 's1', tenantId: 't1', reason: 'refresh-token-reused', revokedAt: '2026-11-26T11:30:00.000Z', expiresAt: session.expiresAt } }]);
  });

  it('refuses an unknown refresh token, an expired session and a revoked one', () => {
    spec.given([started]).when(refresh('nope')).thenRejects('UNAUTHENTICATED');
    spec.given([started]).when(refresh('h1', '2026-11-26T18:00:00.000Z')).thenRejects('SESSION_EXPIRED');
    spec.given([started, revoked]).when(refresh('h1')).thenRejects('SESSION_REVOKED');
  });

  it('revokes once, and only within the tenant', () => {
    spec.given([started]).when(revoke()).then([revoked]);
    spec.given([started, revoked]).when(revoke()).then([]);
    spec.given([started]).when(revoke('t2')).thenRejects('NOT_FOUND');
  });
});
