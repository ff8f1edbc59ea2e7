import { platformError, ErrorCode } from '../platform/errors';
import type { ReadStore } from '../platform/readstore/port';

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
