/**
 * How a process started by `npm start`'s supervisor (app/supervised-process.ts) talks to it over
 * the IPC channel `fork` opens. A process started any other way has no channel: nothing is sent.
 */
export interface ReadyMessage {
  readonly type: 'goliath-ready';
  /** Where the process answers (a subgraph's /graphql, the projections' health server). */
  readonly url: string;
}

export function isReadyMessage(message: unknown): message is ReadyMessage {
  return typeof message === 'object' && message !== null && (message as ReadyMessage).type === 'goliath-ready' && typeof (message as ReadyMessage).url === 'string';
}

/** Tells the supervisor, if there is one, that this process is serving at `url`. */
export function reportReady(url: string): void {
  const message: ReadyMessage = { type: 'goliath-ready', url };
  process.send?.(message);
}

/**
 * Calls `stop` when the supervisor goes away. A supervisor killed with SIGKILL cannot stop its
 * children; each notices its channel close and stops itself, so no orphan keeps the database or
 * a port.
 */
export function stopWithParent(stop: () => void): void {
  if (!process.send) return;
  if (process.connected) process.once('disconnect', stop);
  else stop();
}
