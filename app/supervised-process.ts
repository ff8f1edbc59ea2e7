import { fork, type ChildProcess } from 'node:child_process';
import type { Logger } from '../platform/logging';
import { isReadyMessage } from './parent-channel';

export interface SupervisedProcessOptions {
  /** What the logs call it (`enterprise`, `projections`). */
  readonly name: string;
  /** The built entry point to run (dist/app/start-*.js) and its arguments. */
  readonly script: string;
  readonly args?: readonly string[];
  /** The environment of each start; `url` is where the previous start served, so a restart keeps its port. */
  readonly env: (previousUrl: string | undefined) => NodeJS.ProcessEnv;
  readonly logger: Logger;
  /** How long a start may take to report ready before it counts as failed. */
  readonly readyTimeoutMs?: number;
  /** How long a stop waits after SIGTERM before SIGKILL. */
  readonly stopTimeoutMs?: number;
}

const FIRST_RESTART_DELAY_MS = 200;
const MAX_RESTART_DELAY_MS = 10_000;
/** A child that served this long before dying is restarted quickly again: the failure was not at start. */
const STABLE_AFTER_MS = 60_000;

/**
 * One child process of `npm start` (a subgraph or the projection runner), so that it runs on
 * its own core instead of the gateway's event loop. It is restarted when it dies, after a
 * delay that doubles while it keeps dying (up to 10 s), on the same port it served before; it
 * is stopped with SIGTERM (SIGKILL if it does not exit in time). The child reports ready over
 * the IPC channel (app/parent-channel.ts) and stops by itself if this process dies.
 */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private url: string | undefined;
  private stopping = false;
  private restartDelayMs = FIRST_RESTART_DELAY_MS;
  private restartTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: SupervisedProcessOptions) {}

  /** Starts the child and resolves with its URL once it is ready; rejects if it exits or stalls first. */
  async start(): Promise<string> {
    this.url = await this.spawnUntilReady();
    return this.url;
  }

  /** Pid of the running child, if one is running. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), this.options.stopTimeoutMs ?? 15_000);
    await exited;
    clearTimeout(killer);
  }

  private spawnUntilReady(): Promise<string> {
    const { name, script, args = [], env, logger, readyTimeoutMs = 60_000 } = this.options;
    // A process group of its own: Ctrl-C in a terminal (SIGINT to the foreground group) reaches
    // only the supervisor, which then stops each child once, in order.
    const child = fork(script, [...args], { env: env(this.url), stdio: 'inherit', detached: true });
    this.child = child;
    const startedAt = Date.now();
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`${name} did not report ready within ${readyTimeoutMs} ms`));
      }, readyTimeoutMs);
      child.on('message', (message) => {
        if (!isReadyMessage(message)) return;
        clearTimeout(timer);
        resolve(message.url);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before it was ready`));
        if (this.stopping || this.child !== child) return;
        if (Date.now() - startedAt > STABLE_AFTER_MS) this.restartDelayMs = FIRST_RESTART_DELAY_MS;
        logger.error({ process: name, childPid: child.pid, code, signal, restartInMs: this.restartDelayMs }, 'child process died; restarting it');
        this.scheduleRestart();
      });
    });
  }

  private scheduleRestart(): void {
    this.restartTimer = setTimeout(() => {
      this.spawnUntilReady().then(
        (url) => {
          this.options.logger.info({ process: this.options.name, childPid: this.child?.pid, url }, 'child process restarted');
        },
        () => undefined, // its exit already scheduled the next attempt
      );
    }, this.restartDelayMs);
    this.restartDelayMs = Math.min(this.restartDelayMs * 2, MAX_RESTART_DELAY_MS);
  }
}
