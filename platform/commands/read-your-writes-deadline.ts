import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * One mutation may wait for read-your-writes more than once: for the read models after its
 * command, then for the audit chain and the trail that shows its entries. READ_YOUR_WRITES_TIMEOUT_MS
 * bounds all of that together, not each wait: the first wait of a mutation starts the clock, and
 * every later wait of the same mutation ends at the same deadline. The deadline travels with the
 * mutation's async context, so no resolver has to pass it along.
 */
interface MutationWaits {
  deadline?: number;
}

const currentMutation = new AsyncLocalStorage<MutationWaits>();

/** Runs one mutation (the audit middleware wraps each): every read-your-writes wait inside shares one deadline. */
export function withOneReadYourWritesDeadline<T>(mutation: () => T): T {
  return currentMutation.run({}, mutation);
}

/**
 * When a wait starting now must give up: the current mutation's deadline (set by its first wait),
 * or `timeoutMs` from now for work outside a mutation (a background job).
 */
export function readYourWritesDeadline(timeoutMs: number): number {
  const waits = currentMutation.getStore();
  if (!waits) return Date.now() + timeoutMs;
  waits.deadline ??= Date.now() + timeoutMs;
  return waits.deadline;
}
