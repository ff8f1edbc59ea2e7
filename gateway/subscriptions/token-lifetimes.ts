import type { GraphQLError } from 'graphql';
import { decodeJwt } from 'jose';
import type { AuthContext } from '../../platform/auth/auth-context';
import { ErrorCode, platformError, unauthenticated } from '../../platform/errors';

/** Registers a listener for session revocations as the process learns them; returns the unsubscribe. */
export type OnSessionRevoked = (listener: (sessionId: string) => void) => () => void;

/** How long one subscription may run: `signal` aborts, with the error to answer, when its token ends. */
export interface TokenLifetime {
  readonly signal: AbortSignal;
  /** Call when the subscription ends for any reason, so nothing is kept for it. */
  release(): void;
}

// setTimeout takes at most a signed 32-bit delay; a longer one fires at once.
const MAX_TIMER_MS = 2_147_483_647;

export function sessionRevokedError(): GraphQLError {
  return platformError(ErrorCode.SessionRevoked, 'This session was revoked (signed out or ended by an administrator), so its subscriptions end; sign in again and resubscribe.');
}

export function tokenExpiredError(): GraphQLError {
  return unauthenticated('The token has expired, so its subscriptions end; reconnect with a fresh token and resubscribe.');
}

/**
 * Ends open subscriptions with the token that opened them. A token is checked when a WebSocket
 * connects and when each operation starts, but a subscription may outlive both checks by
 * hours: this ends it when its session is revoked (pushed by the process's revocation list,
 * so within the list's own delay, well under a second) and when the token's `exp` passes.
 * One listener on the revocation list for all subscriptions, indexed by session.
 */
export class TokenLifetimes {
  private readonly bySession = new Map<string, Set<AbortController>>();
  private readonly stopListening: () => void;

  constructor(
    onSessionRevoked: OnSessionRevoked,
    private readonly now: () => number = Date.now,
  ) {
    this.stopListening = onSessionRevoked((sessionId) => this.endSession(sessionId));
  }

  /** Starts watching a verified token; `token` is the raw JWT the caller connected with, read for its `exp`. */
  track(auth: AuthContext, token: string | undefined): TokenLifetime {
    const controller = new AbortController();
    const sessionId = auth.sessionId;
    if (sessionId !== undefined) {
      const controllers = this.bySession.get(sessionId) ?? new Set();
      controllers.add(controller);
      this.bySession.set(sessionId, controllers);
    }
    let timer: NodeJS.Timeout | undefined;
    const expiresAt = expiryMs(token);
    const armExpiry = () => {
      const remaining = expiresAt - this.now();
      if (remaining <= 0) controller.abort(tokenExpiredError());
      else timer = setTimeout(armExpiry, Math.min(remaining, MAX_TIMER_MS)).unref();
    };
    if (Number.isFinite(expiresAt)) armExpiry();
    return {
      signal: controller.signal,
      release: () => {
        clearTimeout(timer);
        if (sessionId === undefined) return;
        const controllers = this.bySession.get(sessionId);
        controllers?.delete(controller);
        if (controllers?.size === 0) this.bySession.delete(sessionId);
      },
    };
  }

  /** Open subscriptions being watched for a session revocation (for tests and health). */
  get watchedSessions(): number {
    return this.bySession.size;
  }

  close(): void {
    this.stopListening();
  }

  private endSession(sessionId: string): void {
    const controllers = this.bySession.get(sessionId);
    if (!controllers) return;
    this.bySession.delete(sessionId);
    for (const controller of controllers) controller.abort(sessionRevokedError());
  }
}

/** The `exp` of a token already verified, in epoch ms; +Infinity when it has none (the verifier requires one). */
function expiryMs(token: string | undefined): number {
  if (!token) return Number.POSITIVE_INFINITY;
  const exp = decodeJwt(token).exp;
  return typeof exp === 'number' ? exp * 1000 : Number.POSITIVE_INFINITY;
}
