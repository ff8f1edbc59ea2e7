/**
 * Entry point of a solver worker thread. The pool hands it the compiled kernel module (shared,
 * not compiled again). Problems arrive once per worker (their typed arrays
 * live in SharedArrayBuffers, so nothing is copied); each task message runs one restart.
 * How this file is started from source, from dist and from a bundle: see solver-worker-script.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CompiledQubo } from './compiled-qubo';
import { shareKernelModule } from './kernel/wasm-kernel';
import { runTask } from './solve-task';
import { WORKER_REPORT_INTERVAL_MS, type FromWorker, type ToWorker } from './worker-protocol';

shareKernelModule((workerData as { kernelModule: WebAssembly.Module | null }).kernelModule);
const problems = new Map<number, CompiledQubo>();
const port = parentPort;
if (!port) throw new Error('solver-worker must run in a worker thread');

function send(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'problem') {
    problems.set(message.problemId, message.qubo);
  } else if (message.type === 'forget') {
    problems.delete(message.problemId);
  } else {
    const { jobId } = message;
    try {
      const qubo = problems.get(message.problemId);
      if (!qubo) throw new Error(`problem ${message.problemId} was never sent to this worker`);
      let lastReport = 0;
      const result = runTask(qubo, message.spec, message.stop, (energy, at) => {
        if (at - lastReport < WORKER_REPORT_INTERVAL_MS) return;
        lastReport = at;
        send({ type: 'improved', jobId, energy, at });
      });
      send({ type: 'done', jobId, result }, [result.x.buffer as ArrayBuffer]);
    } catch (error) {
      send({ type: 'failed', jobId, message: error instanceof Error ? error.message : String(error) });
    }
  }
});
