import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, EventSubscription, SubscribeOptions } from '../../platform/eventstore/port';
import { ErrorCode, platformError } from '../../platform/errors';
import { subscribeUntil } from './until-aborted';

/** How one WebSocket subscriber reads the event store (SUBSCRIPTION_* settings). */
export interface SubscriberPace {
  /** Events read ahead of what was sent, and handed over between two turns of the event loop. */
  readonly bufferSize: number;
  /** Ended with SUBSCRIBER_TOO_SLOW when about to hand over an event this far behind. */
  readonly maxLagMs: number;
  /** False once the client's socket is closing: nothing more is read for a client that is gone. */
  readonly connected?: () => boolean;
  readonly now?: () => number;
}

/**
 * An event-store subscription for one WebSocket subscriber, which cannot stall the process nor
 * hold more than its buffer however slow its client is:
 * - it reads at most `bufferSize` events ahead (the store's page), and only when pulled, so a
 *   client that stops reading its socket blocks its own delivery and nothing else;
 * - after each `bufferSize` events it lets the event loop turn, so subscribers working through a
 *   backlog together (a burst of writes, clients that paused) take turns with every other request;
 * - it ends with SUBSCRIBER_TOO_SLOW once it would hand over an event recorded more than
 *   `maxLagMs` ago (time since subscribing for events recorded before it), rather than go on
 *   delivering a stale feed at the cost of everyone else. Time rather than a count of events, because
 *   EventStoreDB's positions are byte offsets; the default is generous for clocks that differ.
 */
export function subscribePaced(eventStore: EventStore, options: SubscribeOptions, signal: AbortSignal, pace: SubscriberPace): EventSubscription {
  const now = pace.now ?? Date.now;
  const subscribedAt = now();
  const subscription = subscribeUntil(eventStore, { ...options, bufferSize: pace.bufferSize }, signal);
  async function* paced() {
    let sinceTurn = 0;
    for await (const event of subscription) {
      if (pace.connected && !pace.connected()) return;
      const lagMs = now() - Math.max(Date.parse(event.recordedAt), subscribedAt);
      if (lagMs > pace.maxLagMs) throw subscriberTooSlow(lagMs, pace.maxLagMs);
      yield event;
      if (++sinceTurn >= pace.bufferSize) {
        sinceTurn = 0;
        await nextTurn();
      }
    }
  }
  return { [Symbol.asyncIterator]: paced, close: () => subscription.close() };
}

export function subscriberTooSlow(lagMs: number, maxLagMs: number) {
  return platformError(
    ErrorCode.SubscriberTooSlow,
    `This subscription fell ${Math.round(lagMs / 1000)} s behind the event log (at most ${Math.round(maxLagMs / 1000)} s, SUBSCRIPTION_MAX_LAG_MS) and was ended. Read the socket faster or follow fewer subscriptions, then subscribe again (events meanwhile can be read over HTTP).`,
    { lagMs: Math.round(lagMs), maxLagMs },
  );
}
