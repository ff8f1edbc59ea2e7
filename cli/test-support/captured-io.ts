import type { CliIo } from '../cli-io';

export interface CapturedIo extends CliIo {
  out(): string;
  err(): string;
}

/** CliIo whose streams collect what a command writes; `isTTY` false, as when piped or logged. */
export function capturedIo(signal?: AbortSignal): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: { isTTY: false, write: (text: string) => (out += text) },
    stderr: { isTTY: false, write: (text: string) => (err += text) },
    signal,
    out: () => out,
    err: () => err,
  };
}
