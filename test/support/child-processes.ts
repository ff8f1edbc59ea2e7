import { readFileSync } from 'node:fs';

/** The processes a process started (Linux's /proc), with their command lines: `npm start`'s subgraphs and projection runner. */
export function childProcesses(pid: number): { pid: number; command: string }[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((child) => ({ pid: Number(child), command: readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0').join(' ').trim() }));
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
