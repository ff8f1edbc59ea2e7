import { DomainError, type Decider } from '../../../../platform/commands/decider';
import { ErrorCode } from '../../../../platform/errors';
import type { SessionEvent, SessionStarted } from '../../../../schema/events';

type SessionFacts = Omit<SessionStarted['data'], 'refreshTokenHash' | 'startedAt'>;

export type SessionState =
  | { readonly status: 'absent' }
  | { readonly status: 'active'; readonly session: SessionFacts; readonly refreshTokenHash: string; readonly spentRefreshTokenHashes: readonly string[] }
  | { readonly status: 'revoked'; readonly session: SessionFacts };

export type SessionCommand =
  | { readonly type: 'StartSession'; readonly session: SessionStarted['data'] }
  /** `presentedHash` is the hash of the refresh token the client sent; `nextHash` the new one's. */
  | { readonly type: 'RefreshSession'; readonly sessionId: string; readonly presentedHash: string; readonly nextHash: string; readonly at: string }
  | { readonly type: 'RevokeSession'; readonly sessionId: string; readonly tenantId: string; readonly reason: SessionEndReason; readonly at: string };

/** Why a session ended: the user logged out, an admin revoked it, or its role or provider went away. */
export type SessionEndReason = 'logout' | 'revoked' | 'role-revoked' | 'provider-removed';

export const REFRESH_TOKEN_REUSED_REASON = 'refresh-token-reused';

/**
 * Refresh tokens rotate: each refresh spends the presented token and issues the next. A spent
 * token presented again means it was copied, so the whole session is revoked (OAuth 2.0 Security
 * BCP, refresh token rotation); the caller answers REFRESH_TOKEN_REUSED after storing that.
 */
export const sessionDecider: Decider<SessionState, SessionCommand, SessionEvent> = {
  initialState: () => ({ status: 'absent' }),

  evolve(state, event) {
    switch (event.type) {
      case 'SessionStarted': {
        const { refreshTokenHash, startedAt: _at, ...session } = event.data;
        return { status: 'active', session, refreshTokenHash, spentRefreshTokenHashes: [] };
      }
      case 'SessionRefreshed':
        return state.status === 'active'
          ? { ...state, refreshTokenHash: event.data.refreshTokenHash, spentRefreshTokenHashes: [...state.spentRefreshTokenHashes, event.data.previousRefreshTokenHash] }
          : state;
      case 'SessionRevoked':
        return state.status === 'absent' ? state : { status: 'revoked', session: state.session };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'StartSession':
        if (state.status !== 'absent') throw new DomainError('CONFLICT', `Session ${command.session.sessionId} already exists.`);
        return [{ type: 'SessionStarted', data: command.session }];
      case 'RefreshSession': {
        if (state.status === 'absent') throw new DomainError(ErrorCode.Unauthenticated, 'The refresh token is not valid; sign in again.');
        if (state.status === 'revoked') throw new DomainError(ErrorCode.SessionRevoked, 'The session was ended; sign in again.');
        if (command.at >= state.session.expiresAt) throw new DomainError(ErrorCode.SessionExpired, 'The session has expired; sign in again.');
        if (state.spentRefreshTokenHashes.includes(command.presentedHash)) {
          return [revoked(state.session, REFRESH_TOKEN_REUSED_REASON, command.at)];
        }
        if (state.refreshTokenHash !== command.presentedHash) throw new DomainError(ErrorCode.Unauthenticated, 'The refresh token is not valid; sign in again.');
        return [
          {
            type: 'SessionRefreshed',
            data: { sessionId: command.sessionId, previousRefreshTokenHash: command.presentedHash, refreshTokenHash: command.nextHash, refreshedAt: command.at },
          },
        ];
      }
      case 'RevokeSession':
        if (state.status === 'absent' || state.session.tenantId !== command.tenantId) {
          throw new DomainError('NOT_FOUND', `Session ${command.sessionId} does not exist.`);
        }
        if (state.status === 'revoked') return [];
        return [revoked(state.session, command.reason, command.at)];
    }
  },
};

function revoked(session: SessionFacts, reason: string, at: string): SessionEvent {
  return { type: 'SessionRevoked', data: { sessionId: session.sessionId, tenantId: session.tenantId, reason, revokedAt: at, expiresAt: session.expiresAt } };
}
