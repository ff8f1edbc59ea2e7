import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * A Goliath process started as users start it (`node dist/…` or `npm run …`), with its output kept
 * for the failure message. It runs in its own process group, so `npm run` and the node process it
 * starts are stopped together.
 */
export interface SpawnedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) once it has exited. */
  readonly exited: Promise<number | string>;
  /**
   * Sends the signal (SIGTERM by default) to the whole group, as Ctrl-C in a terminal does (SIGINT),
   * and waits until every process of the group has exited; SIGKILL after `graceMs`. Resolves with
   * the started process's exit code, and whether the group had to be killed.
   */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<{ readonly code: number | string; readonly killed: boolean }>;
}

export function spawnProcess(name: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd?: string): SpawnedProcess {
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  /** False once no process of the group is left. */
  const signalGroup = (signal: NodeJS.Signals | 0): boolean => {
    try {
      process.kill(-child.pid!, signal);
      return true;
    } catch {
      return false;
    }
  };
  return {
    name,
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM', graceMs = 15_000) {
      signalGroup(signal);
      // npm may exit before the node process it started, so the group is watched, not only npm.
      const deadline = Date.now() + graceMs;
      while (signalGroup(0) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      const killed = signalGroup('SIGKILL');
      return { code: await exited, killed };
    },
  };
}

/** Resolves once `url` answers 2xx; rejects when the process exits first or the time is up. */
export async function waitForHttp(url: string, process: SpawnedProcess, timeoutMs = 30_000): Promise<void> {
  let exitedWith: number | string | undefined;
  void process.exited.then((code) => (exitedWith = code));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitedWith !== undefined) throw new Error(`${process.name} exited (${exitedWith}) before ${url} answered:\n${process.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms; ${process.name} printed:\n${process.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** The environment of a spawned Goliath process: this one's, without what jest sets for itself. */
export function processEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, APOLLO_TELEMETRY_DISABLED: '1', ...overrides };
  // jest sets NODE_ENV=test; a user's shell has none unless they chose one.
  if (!('NODE_ENV' in overrides)) delete env.NODE_ENV;
  return env;
}
