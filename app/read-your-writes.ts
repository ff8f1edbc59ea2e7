import { readYourWritesDeadline } from '../platform/commands/read-your-writes-deadline';
import { platformError, ErrorCode } from '../platform/errors';
import type { ReadStore } from '../platform/readstore/port';
import type { ProjectionRunner } from '../projections/runner';

/**
 * A mutation's answer waits for the read models; when they do not catch up in time the change
 * is still saved, and the error says so.
 */
export function readModelLagging(position: number, timeoutMs: number, detail: string): Error {
  return platformError(
    ErrorCode.ReadModelLagging,
    `Your change was saved (log position ${position}) but the read models did not catch up within ${timeoutMs} ms (${detail}); query again shortly.`,
    { position },
  );
}

/**
 * Read-your-writes for a subgraph running in its own process: polls the checkpoints the
 * projection process commits to the shared read store until all have reached the position. The
 * waits of one mutation share one deadline (READ_YOUR_WRITES_TIMEOUT_MS in all).
 */
export function pollCheckpoints(readStore: ReadStore, projectionNames: readonly string[], timeoutMs: number, intervalMs = 5) {
  return async (position: number): Promise<void> => {
    const deadline = readYourWritesDeadline(timeoutMs);
    for (;;) {
      const checkpoints = await Promise.all(projectionNames.map((name) => readStore.getCheckpoint(name)));
      const lagging = projectionNames.filter((_name, index) => (checkpoints[index]?.position ?? 0) < position);
      if (lagging.length === 0) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw readModelLagging(position, timeoutMs, `waiting for ${lagging.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, remaining)));
    }
  };
}

/** Read-your-writes in the process that runs the projections: waits on the runner itself, within the mutation's one deadline. */
export function waitForProjections(runner: Pick<ProjectionRunner, 'waitFor'>, projectionNames: readonly string[], timeoutMs: number) {
  return async (position: number): Promise<void> => {
    const remaining = Math.max(0, readYourWritesDeadline(timeoutMs) - Date.now());
    try {
      await runner.waitFor(position, remaining, projectionNames);
    } catch (error) {
      throw readModelLagging(position, timeoutMs, error instanceof Error ? error.message : String(error));
    }
  };
}
