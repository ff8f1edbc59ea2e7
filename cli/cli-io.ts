/** The slice of a stream the CLI writes to; process.stdout and process.stderr satisfy it. */
export interface OutputStream {
  write(text: string): unknown;
  /** True when the stream is a terminal, so in-place redrawing with \r makes sense. */
  readonly isTTY?: boolean;
}

/**
 * Where a command writes and what can stop it. Commands take this instead of touching `process`,
 * so tests run them in-process and capture both streams.
 */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Aborted on Ctrl-C: a solve then stops early and still prints its best result. */
  readonly signal?: AbortSignal;
}
