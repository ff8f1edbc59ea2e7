import type { BetaRange, ScheduleKind } from './beta-schedule';
import type { KernelName } from './kernel/kernel-state';
import type { KernelStrategy } from './solve-task';
import type { SolverPool } from './solver-pool';

export type Strategy = KernelStrategy | 'AUTO';

export interface SolveProgress {
  readonly bestEnergy: number;
  readonly elapsedMs: number;
  /** Share of the budget used: the larger of time used / time limit and restarts done / restarts. */
  readonly fractionOfBudget: number;
}

export interface SolveOptions {
  readonly strategy?: Strategy;
  /** Master seed; every restart's seed is derived from it and the restart's index. */
  readonly seed?: number;
  readonly timeLimitMs?: number;
  /** Number of restarts (the budget); unlimited when only a time limit is given. */
  readonly restarts?: number;
  /** Annealing sweeps per restart. Unset with a time limit: 256, doubling every 2 restarts up to 131072. */
  readonly sweeps?: number;
  readonly schedule?: ScheduleKind;
  readonly betaRange?: BetaRange;
  /** Tabu iterations per restart (see defaultTabuParams). */
  readonly tabuIterations?: number;
  readonly tabuStallIterations?: number;
  readonly eliteSize?: number;
  /** Stop everything as soon as any restart reaches an energy ≤ this. */
  readonly targetEnergy?: number;
  /** Distinct best samples to return. */
  readonly numSamples?: number;
  /** Threads to use: a pool passed here is shared and left open; otherwise a pool of `workers`
   *  threads is made for this call (0 = run in the calling thread). */
  readonly pool?: SolverPool;
  readonly workers?: number;
  /** The inner loops' implementation; unset: SOLVER_KERNEL's choice (WebAssembly when built). */
  readonly kernel?: KernelName;
  readonly signal?: AbortSignal;
  /** Called at most 4 times a second while solving. */
  readonly onProgress?: (progress: SolveProgress) => void;
}

/** The search's own settings, beyond strategy, time, seed and samples: what a marketplace recipe may set. */
export type EngineTuning = Pick<SolveOptions, 'sweeps' | 'schedule' | 'betaRange' | 'restarts' | 'tabuIterations' | 'tabuStallIterations' | 'eliteSize'>;

export interface Sample {
  readonly x: Uint8Array;
  readonly energy: number;
}

export interface TracePoint {
  readonly ms: number;
  readonly energy: number;
}

export type StopReason = 'budget' | 'time' | 'target' | 'cancelled';

export interface SolveParameters {
  readonly seed: number;
  readonly restarts: number | null;
  readonly timeLimitMs: number | null;
  readonly targetEnergy: number | null;
  readonly sweeps: number | null;
  readonly schedule: ScheduleKind;
  readonly betaRange: BetaRange;
  readonly tabuIterations: number;
  readonly tabuStallIterations: number;
  readonly eliteSize: number;
  readonly workers: number;
  readonly kernel: KernelName;
}

export interface SolveResult {
  readonly requestedStrategy: Strategy;
  readonly strategy: KernelStrategy;
  readonly parameters: SolveParameters;
  /** Distinct samples, lowest energy first. */
  readonly samples: Sample[];
  readonly bestEnergy: number;
  readonly timeToBestMs: number;
  readonly totalTimeMs: number;
  readonly restartsCompleted: number;
  /** Annealing: variable visits; tabu: candidate moves evaluated (n per iteration). */
  readonly flipsAttempted: number;
  readonly stoppedBy: StopReason;
  /** Best energy so far against ms since the start, one point per improvement. */
  readonly trace: TracePoint[];
}
