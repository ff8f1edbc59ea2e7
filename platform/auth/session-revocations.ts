import { ErrorCode, platformError } from '../errors';
import type { EventFilter, EventStore, EventSubscription, RecordedEvent } from '../eventstore/port';
import type { Logger } from '../logging';

/** What a revocation event tells this list: the `sid` whose tokens end. */
export interface SessionRevocation {
  readonly sessionId: string;
  /** ISO-8601: the session ends here anyway, so the list may forget it some time after. */
  readonly expiresAt: string;
}

export interface SessionRevocationOptions {
  /** Selects the revocation events (a user's session ended, a service account's secret replaced or revoked); the platform cannot name them itself. */
  readonly filter: EventFilter;
  /** Reads a selected event; undefined for one that ends nothing. */
  readonly revocationOf: (event: RecordedEvent) => Partial<SessionRevocation> | undefined;
  readonly logger: Logger;
  /**
   * How long past its `expiresAt` a revoked session is still remembered: a token may outlive its
   * session by up to its TTL if its issuer did not clamp `exp`, so pass the token TTL.
   */
  readonly retainAfterExpiryMs: number;
  /** Startup fails if the log cannot be read up to its head within this time. */
  readonly catchUpTimeoutMs?: number;
  readonly now?: () => number;
}

/** Called with the session id of each revocation this list learns, for holders of long-lived connections. */
export type SessionRevokedListener = (sessionId: string) => void;

const RESUBSCRIBE_DELAY_MS = 1000;
const SWEEP_INTERVAL_MS = 60_000;

/**
 * The sessions revoked so far, fed by a catch-up-then-live subscription from the start of the
 * log. Appends made by this process arrive at once; the SQLite store finds other processes'
 * appends by polling its head (50 ms by default), EventStoreDB pushes them: either way a
 * revocation reaches every process well within a second.
 */
export class SessionRevocationList {
  /** sessionId → epoch ms after which it is forgotten. */
  private readonly revoked = new Map<string, number>();
  private position: number | undefined;
  private subscription: EventSubscription | undefined;
  private stopped = false;
  private following: Promise<void> | undefined;
  private sweptAt = 0;
  private readonly listeners = new Set<SessionRevokedListener>();
  private readonly now: () => number;

  private constructor(
    private readonly eventStore: EventStore,
    private readonly options: SessionRevocationOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Subscribes and resolves once every revocation already in the log is known, so no revoked token slips through a start. */
  static async follow(eventStore: EventStore, options: SessionRevocationOptions): Promise<SessionRevocationList> {
    const list = new SessionRevocationList(eventStore, options);
    const head = await eventStore.headPosition();
    let caughtUp!: () => void;
    const reachedHead = new Promise<void>((resolve) => (caughtUp = resolve));
    if (head === 0) caughtUp();
    list.following = list.followLog((position) => {
      if (position >= head) caughtUp();
    });
    const timeoutMs = options.catchUpTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([reachedHead, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      await list.stop();
      throw new Error(`The session revocation list did not read the event log up to position ${head} within ${timeoutMs} ms; is the event store reachable?`);
    }
    return list;
  }

  isRevoked(sessionId: string): boolean {
    const forgetAt = this.revoked.get(sessionId);
    if (forgetAt === undefined) return false;
    if (this.now() < forgetAt) return true;
    this.revoked.delete(sessionId);
    return false;
  }

  /** Refuses a token of a revoked session; tokens without a session (development tokens) cannot be revoked. */
  assertNotRevoked(sessionId: string | undefined): void {
    if (sessionId !== undefined && this.isRevoked(sessionId)) {
      throw platformError(
        ErrorCode.SessionRevoked,
        "This token's session was ended (signed out, ended by an administrator, or its service account's secret was rotated or revoked); sign in again or request a new token.",
      );
    }
  }

  /**
   * Tells `listener` of every revocation learnt from now on, so that what a token opened once and
   * keeps open (a WebSocket subscription) can end with its session instead of at its next check.
   * Returns the function that stops the notifications.
   */
  onRevoked(listener: SessionRevokedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.revoked.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.subscription?.close();
    await this.following;
  }

  /** Follows the log for as long as the list runs; a broken subscription is reopened where it stopped. */
  private async followLog(onProgress: (position: number) => void): Promise<void> {
    while (!this.stopped) {
      const advance = (position: number) => {
        this.position = Math.max(this.position ?? 0, position);
        onProgress(position);
      };
      try {
        this.subscription = this.eventStore.subscribeToAll({ after: this.position, filter: this.options.filter, onCheckpoint: advance });
        for await (const event of this.subscription) {
          this.record(event);
          advance(event.position);
        }
      } catch (error) {
        if (!this.stopped) this.options.logger.error({ err: error, position: this.position }, 'session revocation subscription failed; resubscribing');
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, RESUBSCRIBE_DELAY_MS));
    }
  }

  private record(event: RecordedEvent): void {
    const revocation = this.options.revocationOf(event);
    if (!revocation) return;
    if (typeof revocation.sessionId !== 'string') {
      this.options.logger.warn({ position: event.position, type: event.type }, 'revocation event without a sessionId ignored');
      return;
    }
    const expiresAt = typeof revocation.expiresAt === 'string' ? Date.parse(revocation.expiresAt) : Number.NaN;
    // An unreadable expiry is kept forever: forgetting a revocation early would let its tokens back in.
    const forgetAt = Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt + this.options.retainAfterExpiryMs;
    if (forgetAt > this.now()) this.revoked.set(revocation.sessionId, forgetAt);
    this.sweep();
    this.notify(revocation.sessionId);
  }

  private notify(sessionId: string): void {
    for (const listener of this.listeners) {
      try {
        listener(sessionId);
      } catch (error) {
        // One failing holder must neither stop the list nor keep the others from hearing of it.
        this.options.logger.error({ err: error, sessionId }, 'session revocation listener failed');
      }
    }
  }

  private sweep(): void {
    const now = this.now();
    if (now - this.sweptAt < SWEEP_INTERVAL_MS) return;
    this.sweptAt = now;
    for (const [sessionId, forgetAt] of this.revoked) if (now >= forgetAt) this.revoked.delete(sessionId);
  }
}
