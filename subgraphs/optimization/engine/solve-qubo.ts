import { randomInt } from 'node:crypto';
import { chooseStrategy } from './auto-strategy';
import { betaRangeFor } from './beta-schedule';
import type { CompiledQubo } from './compiled-qubo';
import { defaultKernelName } from './kernel/select-kernel';
import { deriveSeed } from './prng';
import { ENERGY_EPSILON, newStopFlag, nowMs } from './run-control';
import { collectSamples } from './sample-set';
import { runTask, type KernelStrategy, type TaskResult, type TaskSpec } from './solve-task';
import { SolverPool } from './solver-pool';
import { defaultTabuParams } from './tabu-search';
import type { SolveOptions, SolveParameters, SolveResult, StopReason, TracePoint } from './solve-types';

/** Restarts when neither a restart count nor a time limit is given. */
export const DEFAULT_RESTARTS = 8;
export const DEFAULT_SAMPLES = 10;
/** onProgress is called at most this often (4 per second). */
export const PROGRESS_INTERVAL_MS = 250;
const FIRST_SWEEPS = 256;
const MAX_SWEEPS = 131_072;

type Runner = (spec: TaskSpec, onImproved: (energy: number, at: number) => void) => Promise<TaskResult>;

/**
 * Multi-start solve: restarts are independent tasks (seed derived from the master seed and the
 * restart's index) spread over the threads of a pool, or run in this thread. The run stops at
 * the first of: the restart budget, the time limit, the target energy (any restart reaching it
 * sets a shared flag that stops all of them), or the abort signal. Samples are merged in restart
 * order, so with a restart budget and no time limit the result does not depend on timing nor on
 * how many threads ran it.
 */
export async function solveQubo(qubo: CompiledQubo, options: SolveOptions = {}): Promise<SolveResult> {
  validate(options);
  const start = nowMs();
  const requestedStrategy = options.strategy ?? 'AUTO';
  const strategy: KernelStrategy = requestedStrategy === 'AUTO' ? chooseStrategy(qubo) : requestedStrategy;
  const parameters = resolveParameters(qubo, options);
  const deadline = options.timeLimitMs === undefined ? Infinity : start + options.timeLimitMs;
  const targetEnergy = options.targetEnergy ?? -Infinity;
  const restarts = parameters.restarts ?? Infinity;
  const stop = newStopFlag();

  const ownPool = !options.pool && parameters.workers > 0 ? new SolverPool({ size: parameters.workers }) : undefined;
  const pool = options.pool ?? ownPool;
  const problemId = pool?.register(qubo);
  const runner: Runner = pool
    ? (spec, onImproved) => pool.run(problemId!, spec, stop, onImproved)
    : (spec, onImproved) => new Promise((resolve) => setImmediate(() => resolve(runTask(qubo, spec, stop, onImproved))));
  const capacity = (): number => (pool ? pool.size : 1);

  const specFor = (index: number): TaskSpec => ({
    index,
    seed: deriveSeed(parameters.seed, index),
    strategy,
    kernel: parameters.kernel,
    anneal: {
      sweeps: parameters.sweeps ?? Math.min(MAX_SWEEPS, FIRST_SWEEPS * 2 ** Math.floor(index / 2)),
      schedule: parameters.schedule,
      betaRange: parameters.betaRange,
    },
    tabu: { iterations: parameters.tabuIterations, stallIterations: parameters.tabuStallIterations, eliteSize: parameters.eliteSize },
    deadline,
    targetEnergy,
  });

  const results: TaskResult[] = [];
  const trace: TracePoint[] = [];
  let bestEnergy = Infinity;
  const noteEnergy = (energy: number, at: number): void => {
    if (energy < bestEnergy - ENERGY_EPSILON) {
      bestEnergy = energy;
      trace.push({ ms: Math.max(0, at - start), energy });
    }
  };
  const onAbort = (): void => {
    Atomics.store(stop, 0, 1);
  };
  options.signal?.addEventListener('abort', onAbort);
  const halted = (): boolean => Atomics.load(stop, 0) !== 0 || nowMs() >= deadline || options.signal?.aborted === true;

  let ticker: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let nextIndex = 0;
      let inFlight = 0;
      let failed = false;
      const launch = (): void => {
        // The first restart always runs, so even a zero time limit returns a (polished) sample.
        while (!failed && (nextIndex === 0 || !halted()) && nextIndex < restarts && inFlight < capacity()) {
          inFlight++;
          runner(specFor(nextIndex++), noteEnergy).then(
            (result) => {
              inFlight--;
              results.push(result);
              noteEnergy(result.energy, result.bestAt);
              launch();
            },
            (error: unknown) => {
              failed = true;
              Atomics.store(stop, 0, 1);
              reject(error);
            },
          );
        }
        if (inFlight === 0 && !failed) resolve();
      };
      ticker = setInterval(() => {
        // Picks up a pool grown by resize() and wakes workers at the deadline.
        if (nowMs() >= deadline) Atomics.store(stop, 0, 1);
        options.onProgress?.({
          bestEnergy,
          elapsedMs: nowMs() - start,
          fractionOfBudget: Math.min(1, Math.max(options.timeLimitMs ? (nowMs() - start) / options.timeLimitMs : 0, results.length / restarts)),
        });
        launch();
      }, PROGRESS_INTERVAL_MS);
      launch();
    });
  } finally {
    clearInterval(ticker);
    options.signal?.removeEventListener('abort', onAbort);
    if (pool && problemId !== undefined) pool.release(problemId);
    await ownPool?.close();
  }

  const end = nowMs();
  results.sort((a, b) => a.index - b.index);
  const samples = collectSamples(results, options.numSamples ?? DEFAULT_SAMPLES);
  const best = results.filter((r) => r.energy <= samples[0].energy + ENERGY_EPSILON).reduce((a, b) => (b.bestAt < a.bestAt ? b : a));
  return {
    requestedStrategy,
    strategy,
    parameters,
    samples,
    bestEnergy: samples[0].energy,
    timeToBestMs: best.bestAt - start,
    totalTimeMs: end - start,
    restartsCompleted: results.length,
    flipsAttempted: results.reduce((sum, r) => sum + r.flipsAttempted, 0),
    stoppedBy: stopReason(samples[0].energy, targetEnergy, options, end >= deadline, results.length, restarts),
    trace: monotone(trace),
  };
}

function stopReason(best: number, target: number, options: SolveOptions, pastDeadline: boolean, done: number, restarts: number): StopReason {
  if (best <= target + ENERGY_EPSILON) return 'target';
  if (options.signal?.aborted) return 'cancelled';
  if (done >= restarts) return 'budget';
  return pastDeadline ? 'time' : 'budget';
}

function monotone(trace: TracePoint[]): TracePoint[] {
  const sorted = [...trace].sort((a, b) => a.ms - b.ms);
  const out: TracePoint[] = [];
  for (const point of sorted) if (out.length === 0 || point.energy < out[out.length - 1].energy) out.push(point);
  return out;
}

function resolveParameters(qubo: CompiledQubo, options: SolveOptions): SolveParameters {
  const tabu = defaultTabuParams(qubo.n);
  return {
    seed: options.seed ?? randomInt(2 ** 31),
    restarts: options.restarts ?? (options.timeLimitMs === undefined ? DEFAULT_RESTARTS : null),
    timeLimitMs: options.timeLimitMs ?? null,
    targetEnergy: options.targetEnergy ?? null,
    sweeps: options.sweeps ?? (options.timeLimitMs === undefined ? 1000 : null),
    schedule: options.schedule ?? 'geometric',
    betaRange: options.betaRange ?? betaRangeFor(qubo),
    tabuIterations: options.tabuIterations ?? tabu.iterations,
    tabuStallIterations: options.tabuStallIterations ?? tabu.stallIterations,
    eliteSize: options.eliteSize ?? tabu.eliteSize,
    workers: options.pool ? options.pool.size : (options.workers ?? 0),
    kernel: options.kernel ?? defaultKernelName(),
  };
}

function validate(options: SolveOptions): void {
  const positiveInt = (name: string, v: number | undefined): void => {
    if (v !== undefined && (!Number.isInteger(v) || v < 1)) throw new RangeError(`${name} must be a positive integer, got ${v}`);
  };
  if (options.timeLimitMs !== undefined && !(options.timeLimitMs >= 0 && Number.isFinite(options.timeLimitMs))) {
    throw new RangeError(`timeLimitMs must be a finite number ≥ 0, got ${options.timeLimitMs}`);
  }
  positiveInt('restarts', options.restarts);
  positiveInt('sweeps', options.sweeps);
  positiveInt('tabuIterations', options.tabuIterations);
  positiveInt('tabuStallIterations', options.tabuStallIterations);
  positiveInt('eliteSize', options.eliteSize);
  positiveInt('numSamples', options.numSamples);
  if (options.workers !== undefined && (!Number.isInteger(options.workers) || options.workers < 0)) {
    throw new RangeError(`workers must be an integer ≥ 0, got ${options.workers}`);
  }
}
