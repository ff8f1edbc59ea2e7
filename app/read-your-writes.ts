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
 * projection process commits to the shared read store until all have reached the position.
 */
export function pollCheckpoints(readStore: ReadStore, projectionNames: readonly string[], timeoutMs: number, intervalMs = 20) {
  return async (position: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const checkpoints = await Promise.all(projectionNames.map((name) => readStore.getCheckpoint(name)));
      const lagging = projectionNames.filter((_name, index) => (checkpoints[index] ?? 0) < position);
      if (lagging.length === 0) return;
      if (Date.now() >= deadline) throw readModelLagging(position, timeoutMs, `waiting for ${lagging.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  };
}

/** Read-your-writes in the process that runs the projections: waits on the runner itself. */
export function waitForProjections(runner: ProjectionRunner, projectionNames: readonly string[], timeoutMs: number) {
  return async (position: number): Promise<void> => {
    try {
      await runner.waitFor(position, timeoutMs, projectionNames);
    } catch (error) {
      throw readModelLagging(position, timeoutMs, error instanceof Error ? error.message : String(error));
    }
  };
}
