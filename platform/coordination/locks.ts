/**
 * Named locks that several processes on one database contend for, so that work meant to run once
 * (the projection runner, a subgraph's schedulers) runs in one replica at a time.
 */
export interface Locks {
  /** Takes the named lock when no one holds it; undefined when another holder has it. */
  tryAcquire(name: string): Promise<HeldLock | undefined>;
  close(): Promise<void>;
}

export interface HeldLock {
  /** Settles when the lock is gone without being released (its connection died); never for a lock held in-process. */
  readonly lost: Promise<Error>;
  release(): Promise<void>;
}

/**
 * For the embedded SQLite platform, where each runner exists once by construction: a free lock is
 * granted at once, and still only to one holder in this process.
 */
export function localLocks(): Locks {
  const held = new Set<string>();
  return {
    async tryAcquire(name) {
      if (held.has(name)) return undefined;
      held.add(name);
      let released = false;
      return {
        lost: new Promise<Error>(() => undefined),
        async release() {
          if (released) return;
          released = true;
          held.delete(name);
        },
      };
    },
    async close() {
      held.clear();
    },
  };
}
