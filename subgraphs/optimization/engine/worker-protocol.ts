import type { CompiledQubo } from './compiled-qubo';
import type { TaskResult, TaskSpec } from './solve-task';

/** Messages from the pool to a solver worker. */
export type ToWorker =
  | { readonly type: 'problem'; readonly problemId: number; readonly qubo: CompiledQubo }
  | { readonly type: 'forget'; readonly problemId: number }
  | { readonly type: 'task'; readonly jobId: number; readonly problemId: number; readonly spec: TaskSpec; readonly stop: Int32Array };

/** Messages from a solver worker to the pool. */
export type FromWorker =
  | { readonly type: 'improved'; readonly jobId: number; readonly energy: number; readonly at: number }
  | { readonly type: 'done'; readonly jobId: number; readonly result: TaskResult }
  | { readonly type: 'failed'; readonly jobId: number; readonly message: string };

/** A worker tells the pool of a better energy inside a task at most this often. */
export const WORKER_REPORT_INTERVAL_MS = 100;
