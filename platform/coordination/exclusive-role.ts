import type { Logger } from '../logging';
import type { HeldLock, Locks } from './locks';

/** Starts the work and answers how to stop it. */
export type StartWork = () => Promise<() => Promise<void>>;

export interface ExclusiveRole {
  /** Whether this process holds the lock and runs the work now. */
  holding(): boolean;
  /** Stops the work (when running) and releases the lock. */
  stop(): Promise<void>;
}

export interface ExclusiveRoleOptions {
  /** How often a process that does not hold the lock tries again. */
  readonly retryMs?: number;
}

const DEFAULT_RETRY_MS = 2_000;

/**
 * Runs work in one process at a time: keeps trying to take the named lock, starts the work once it
 * has it, stops the work when the lock is lost, and tries again. Resolves after the first attempt,
 * so with an uncontended lock the work has started when it returns.
 */
export async function runWhileHolding(locks: Locks, name: string, start: StartWork, logger: Logger, options: ExclusiveRoleOptions = {}): Promise<ExclusiveRole> {
  let held: { readonly lock: HeldLock; readonly stopWork: () => Promise<void> } | undefined;
  let stopped = false;
  // Attempts, losses and the stop run one after another, so none sees another half done.
  let queue = Promise.resolve();
  const serially = (step: () => Promise<void>) => (queue = queue.then(step, step));

  const stopWork = async (stopIt: () => Promise<void>) => {
    try {
      await stopIt();
    } catch (error) {
      logger.error({ err: error, lock: name }, `stopping the work held by lock ${name} failed`);
    }
  };

  const onLost = (lock: HeldLock) => (error: Error) =>
    serially(async () => {
      if (held?.lock !== lock) return;
      const { stopWork: stopIt } = held;
      held = undefined;
      logger.warn({ err: error, lock: name }, `lost lock ${name}: stopping its work until the lock is taken again`);
      await stopWork(stopIt);
    });

  let attemptQueued = false;
  const attempt = () => {
    // A slow attempt (the database not answering) is not joined by one queued per tick.
    if (attemptQueued) return queue;
    attemptQueued = true;
    return serially(async () => {
      attemptQueued = false;
      if (stopped || held) return;
      let lock: HeldLock | undefined;
      try {
        lock = await locks.tryAcquire(name);
      } catch (error) {
        logger.warn({ err: error, lock: name }, `could not ask for lock ${name}; trying again`);
        return;
      }
      if (!lock) return;
      try {
        held = { lock, stopWork: await start() };
      } catch (error) {
        logger.error({ err: error, lock: name }, `the work held by lock ${name} failed to start; releasing the lock and trying again`);
        await lock.release();
        return;
      }
      logger.info({ lock: name }, `holding lock ${name}: its work runs in this process`);
      void lock.lost.then(onLost(lock));
    });
  };

  await attempt();
  if (!held && !stopped) logger.info({ lock: name }, `not holding lock ${name} (another replica does, or its work failed to start): standing by to take over`);
  const timer = setInterval(() => void attempt(), options.retryMs ?? DEFAULT_RETRY_MS);
  timer.unref();
  return {
    holding: () => held !== undefined,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await serially(async () => {
        if (!held) return;
        const { lock, stopWork: stopIt } = held;
        held = undefined;
        await stopWork(stopIt);
        await lock.release();
      });
    },
  };
}
