import type { GraphQLError } from 'graphql';
import type { AuthContext } from '../../platform/auth/auth-context';
import { TokenLifetimes } from './token-lifetimes';

/** An unsigned JWT with just an `exp`: TokenLifetimes reads tokens the verifier has already checked. */
const tokenExpiringAt = (epochMs: number) =>
  [{ alg: 'none' }, { exp: Math.floor(epochMs / 1000) }].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.';
const auth = (sessionId?: string): AuthContext => ({ subject: 'ada', roles: ['VIEWER'], tenantId: 'acme', tokenId: 't', authMethod: 'oidc', ...(sessionId && { sessionId }) });
const codeOf = (signal: AbortSignal) => (signal.reason as GraphQLError | undefined)?.extensions.code;

describe('TokenLifetimes', () => {
  let revoke: (sessionId: string) => void;
  let listening: boolean;
  let lifetimes: TokenLifetimes;
  const inAnHour = () => tokenExpiringAt(Date.now() + 3_600_000);

  beforeEach(() => {
    jest.useFakeTimers();
    listening = false;
    lifetimes = new TokenLifetimes((listener) => {
      revoke = listener;
      listening = true;
      return () => (listening = false);
    });
  });
  afterEach(() => {
    lifetimes.close();
    jest.useRealTimers();
  });

  it("ends every subscription of a revoked session with SESSION_REVOKED, and no other session's", () => {
    // given two subscriptions of session s1 and one of s2
    const [first, second, other] = [auth('s1'), auth('s1'), auth('s2')].map((caller) => lifetimes.track(caller, inAnHour()));
    // when s1 is revoked
    revoke('s1');
    // then both of its subscriptions end, with SESSION_REVOKED, and s2's runs on
    expect([first.signal.aborted, second.signal.aborted, other.signal.aborted]).toEqual([true, true, false]);
    expect(codeOf(first.signal)).toBe('SESSION_REVOKED');
    expect(lifetimes.watchedSessions).toBe(1);
  });

  it('ends a subscription with UNAUTHENTICATED when its token expires, not before', () => {
    const lifetime = lifetimes.track(auth(), tokenExpiringAt(Date.now() + 5_000));
    jest.advanceTimersByTime(4_000);
    expect(lifetime.signal.aborted).toBe(false);
    jest.advanceTimersByTime(1_000);
    expect(lifetime.signal.aborted).toBe(true);
    expect(codeOf(lifetime.signal)).toBe('UNAUTHENTICATED');
  });

  it('ends at once a subscription whose token has already expired', () => {
    expect(codeOf(lifetimes.track(auth('s1'), tokenExpiringAt(Date.now() - 1_000)).signal)).toBe('UNAUTHENTICATED');
  });

  it('forgets a released subscription: no timer left, no session watched', () => {
    const lifetime = lifetimes.track(auth('s1'), inAnHour());
    lifetime.release();
    expect(lifetimes.watchedSessions).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    revoke('s1');
    expect(lifetime.signal.aborted).toBe(false);
  });

  it('stops listening to revocations when closed', () => {
    expect(listening).toBe(true);
    lifetimes.close();
    expect(listening).toBe(false);
  });
});
