import { Worker } from 'node:worker_threads';
import type { CompiledQubo } from './compiled-qubo';
import type { TaskResult, TaskSpec } from './solve-task';
import { kernelModule } from './kernel/wasm-kernel';
import { resolveSolverWorkerScript } from './solver-worker-script';
import type { FromWorker, ToWorker } from './worker-protocol';

export interface SolverPoolOptions {
  /** Number of worker threads; may be changed later with resize(). */
  readonly size: number;
  /** Worker entry (.js, or .ts to be bundled); see resolveSolverWorkerScript. */
  readonly workerScript?: string;
}

interface Job {
  readonly jobId: number;
  readonly problemId: number;
  readonly spec: TaskSpec;
  readonly stop: Int32Array;
  readonly onImproved: (energy: number, at: number) => void;
  readonly resolve: (result: TaskResult) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly problems: Set<number>;
  job: Job | null;
  retiring: boolean;
}

/**
 * A resizable set of solver threads with one queue of restarts. Growing starts threads that take
 * queued work at once; shrinking stops idle threads at once and busy ones when their current
 * restart ends, so a restart is never cut short by a resize (and results stay reproducible).
 */
export class SolverPool {
  private readonly script: string;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly problems = new Map<number, CompiledQubo>();
  private target: number;
  private nextJobId = 1;
  private nextProblemId = 1;
  private closed = false;

  constructor(options: SolverPoolOptions) {
    this.script = resolveSolverWorkerScript(options.workerScript);
    this.target = checkedSize(options.size);
    this.fill();
  }

  /** The configured number of threads (busy threads above it are finishing their last restart). */
  get size(): number {
    return this.target;
  }

  /** Threads currently alive, including those finishing a restart before they stop. */
  get liveThreads(): number {
    return this.slots.length;
  }

  /** Threads working on a restart now. */
  get busyThreads(): number {
    return this.slots.filter((slot) => slot.job !== null).length;
  }

  /** Restarts waiting for a thread. */
  get queuedTasks(): number {
    return this.queue.length;
  }

  resize(size: number): void {
    this.target = checkedSize(size);
    let active = this.slots.filter((s) => !s.retiring).length;
    for (const slot of [...this.slots].reverse()) {
      if (active <= this.target) break;
      if (slot.retiring) continue;
      slot.retiring = true;
      active--;
      if (!slot.job) this.retire(slot);
    }
    this.fill();
    this.dispatch();
  }

  /** Shares a problem's arrays with the threads; returns the id that tasks refer to. */
  register(qubo: CompiledQubo): number {
    const problemId = this.nextProblemId++;
    this.problems.set(problemId, toShared(qubo));
    return problemId;
  }

  release(problemId: number): void {
    this.problems.delete(problemId);
    for (const slot of this.slots) {
      if (slot.problems.delete(problemId)) post(slot, { type: 'forget', problemId });
    }
  }

  run(problemId: number, spec: TaskSpec, stop: Int32Array, onImproved: (energy: number, at: number) => void): Promise<TaskResult> {
    if (this.closed) return Promise.reject(new Error('solver pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ jobId: this.nextJobId++, problemId, spec, stop, onImproved, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('solver pool closed'));
    await Promise.all(this.slots.splice(0).map((slot) => slot.worker.terminate()));
  }

  private fill(): void {
    while (!this.closed && this.slots.filter((s) => !s.retiring).length < this.target) this.spawn();
  }

  private spawn(): void {
    // The compiled kernel goes to every worker, which instantiates it without compiling again.
    const worker = new Worker(this.script, { workerData: { kernelModule: kernelModule() } });
    const slot: Slot = { worker, problems: new Set(), job: null, retiring: false };
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on('error', (error) => this.onCrash(slot, error));
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) this.onCrash(slot, new Error(`solver worker exited with code ${code}`));
    });
    this.slots.push(slot);
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    const job = slot.job;
    if (!job || job.jobId !== message.jobId) return;
    if (message.type === 'improved') {
      job.onImproved(message.energy, message.at);
      return;
    }
    slot.job = null;
    if (message.type === 'done') job.resolve(message.result);
    else job.reject(new Error(message.message));
    if (slot.retiring) this.retire(slot);
    this.dispatch();
  }

  private onCrash(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    slot.job?.reject(error);
    void slot.worker.terminate();
    this.fill();
    this.dispatch();
  }

  private retire(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    void slot.worker.terminate();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job || slot.retiring) continue;
      const job = this.queue.shift()!;
      const qubo = this.problems.get(job.problemId);
      if (!qubo) {
        job.reject(new Error(`problem ${job.problemId} is not registered with the pool`));
        continue;
      }
      if (!slot.problems.has(job.problemId)) {
        post(slot, { type: 'problem', problemId: job.problemId, qubo });
        slot.problems.add(job.problemId);
      }
      slot.job = job;
      post(slot, { type: 'task', jobId: job.jobId, problemId: job.problemId, spec: job.spec, stop: job.stop });
    }
  }
}

function post(slot: Slot, message: ToWorker): void {
  slot.worker.postMessage(message);
}

function checkedSize(size: number): number {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`solver pool size must be a positive integer, got ${size}`);
  return size;
}

/** Copies the arrays into SharedArrayBuffers once, so every thread reads the same memory. */
function toShared(qubo: CompiledQubo): CompiledQubo {
  const share = <T extends Float64Array | Int32Array>(a: T, make: (b: SharedArrayBuffer) => T): T => {
    const copy = make(new SharedArrayBuffer(a.byteLength));
    copy.set(a);
    return copy;
  };
  return {
    n: qubo.n,
    offset: qubo.offset,
    linear: share(qubo.linear, (b) => new Float64Array(b)),
    rowPtr: share(qubo.rowPtr, (b) => new Int32Array(b)),
    colIdx: share(qubo.colIdx, (b) => new Int32Array(b)),
    values: share(qubo.values, (b) => new Float64Array(b)),
  };
}
