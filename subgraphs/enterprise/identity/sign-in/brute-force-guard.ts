import type { SignInSettings } from '../../../../platform/config';
import { ErrorCode, platformError } from '../../../../platform/errors';
import { isCounterRefusal, memoryCounters, type Counter, type Counters } from '../../../../platform/coordination/counters';

/** Who is trying: the attempted user (when the credential names one) and the client address. */
export interface SignInAttempt {
  readonly tenantId: string;
  readonly username?: string;
  readonly clientAddress?: string;
}

const FIRST_DELAY_MS = 250;
const LONGEST_DELAY_MS = 8_000;

/**
 * Repeated failures of one user, or from one client address, slow sign-in down and then lock it,
 * so neither guessing one user's password nor spraying one password over many users pays off.
 * Failures are counted with rate-limiter-flexible over the lockout window (in the database when
 * replicas share one, so a lock holds on every replica); a success clears the user's count (not
 * the client's: a sprayer's one hit must not wipe its record).
 */
export class BruteForceGuard {
  private readonly users: Counter;
  private readonly clients: Counter;

  constructor(
    private readonly settings: SignInSettings,
    counters: Counters = memoryCounters,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    const window = { durationSeconds: settings.lockoutSeconds, blockDurationSeconds: settings.lockoutSeconds };
    this.users = counters({ ...window, points: settings.userLockoutFailures, keyPrefix: 'sign-in-user' });
    this.clients = counters({ ...window, points: settings.clientLockoutFailures, keyPrefix: 'sign-in-client' });
  }

  /** Refuses a locked user or client with ACCOUNT_LOCKED; otherwise waits as long as past failures demand. */
  async beforeAttempt(attempt: SignInAttempt): Promise<void> {
    const failures = await Promise.all(this.keys(attempt).map(async ([limiter, key, points]) => ({ limiter, result: await limiter.get(key), points })));
    let over = -1;
    for (const { limiter, result, points } of failures) {
      if (!result) continue;
      if (result.consumedPoints >= points) {
        const retryAfterSeconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
        throw platformError(ErrorCode.AccountLocked, `Too many failed sign-ins; sign-in is locked for ${retryAfterSeconds} s. Try again later or ask your tenant admin.`, {
          retryAfterSeconds,
        });
      }
      // Many people share one address behind a NAT: an address slows down only halfway to its lock.
      const slowDownAfter = limiter === this.users ? this.settings.slowDownAfterFailures : Math.ceil(points / 2);
      over = Math.max(over, result.consumedPoints - slowDownAfter);
    }
    if (over >= 0) await this.sleep(Math.min(LONGEST_DELAY_MS, FIRST_DELAY_MS * 2 ** over));
  }

  async recordFailure(attempt: SignInAttempt): Promise<void> {
    // consume() rejects once over the limit; that only means the lock is already set. A store failure must surface.
    await Promise.all(
      this.keys(attempt).map(([limiter, key]) =>
        limiter.consume(key).catch((error: unknown) => {
          if (!isCounterRefusal(error)) throw error;
        }),
      ),
    );
  }

  async recordSuccess(attempt: SignInAttempt): Promise<void> {
    if (attempt.username) await this.users.delete(userKey(attempt));
  }

  private keys(attempt: SignInAttempt): [Counter, string, number][] {
    const keys: [Counter, string, number][] = [];
    if (attempt.username) keys.push([this.users, userKey(attempt), this.settings.userLockoutFailures]);
    if (attempt.clientAddress) keys.push([this.clients, attempt.clientAddress, this.settings.clientLockoutFailures]);
    return keys;
  }
}

/** Usernames are case-insensitive at most directories, so `Alice` and `alice` share one count. */
function userKey(attempt: SignInAttempt): string {
  return `${attempt.tenantId}\u0000${attempt.username!.toLowerCase()}`;
}
