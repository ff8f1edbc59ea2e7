import type { EventStore, EventSubscription, SubscribeOptions } from '../../platform/eventstore/port';

/**
 * Runs a source of subscription payloads until `ended` aborts, then throws its reason, so that
 * graphql-ws ends the operation with an `error` message carrying that error's code.
 *
 * Hand-written rather than an async generator on purpose: a generator's `return()` waits behind
 * its pending `next()`, and a live event-store subscription's `next()` waits for the next
 * matching event, which may be hours away. Here `return()` (the client unsubscribed, or the
 * socket closed) and `ended` both abort the source's own signal, which closes its event-store
 * subscription at once and so releases the pending `next()`. `onFinish` runs once, however it ends.
 */
export function untilAborted<T>(open: (signal: AbortSignal) => AsyncIterable<T>, ended: AbortSignal, onFinish: () => void = () => {}): AsyncIterableIterator<T> {
  const stop = new AbortController();
  const forward = () => stop.abort(ended.reason);
  ended.addEventListener('abort', forward, { once: true });
  if (ended.aborted) forward();
  let finished = false;
  /** Every way out passes here: done, failed, aborted, or returned early. */
  const release = () => {
    ended.removeEventListener('abort', forward);
    if (finished) return;
    finished = true;
    onFinish();
  };
  const source = open(stop.signal)[Symbol.asyncIterator]();
  const closeSource = async () => {
    release();
    stop.abort();
    await source.return?.();
  };
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      let result: IteratorResult<T>;
      try {
        result = await source.next();
      } catch (error) {
        release();
        // A source may fail because its subscription was closed under it; the reason is what counts.
        throw ended.aborted ? ended.reason : error;
      }
      // Nothing is delivered once the token has ended, not even an event that was already on its way.
      if (ended.aborted) {
        await closeSource();
        throw ended.reason;
      }
      if (result.done) release();
      return result;
    },
    async return() {
      await closeSource();
      return { done: true, value: undefined };
    },
  };
}

/** An event-store subscription that closes itself when `signal` aborts (and at once if it already has). */
export function subscribeUntil(eventStore: EventStore, options: SubscribeOptions, signal: AbortSignal): EventSubscription {
  const subscription = eventStore.subscribeToAll(options);
  const close = () => void subscription.close();
  signal.addEventListener('abort', close, { once: true });
  if (signal.aborted) close();
  return {
    [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
    close: async () => {
      signal.removeEventListener('abort', close);
      await subscription.close();
    },
  };
}
