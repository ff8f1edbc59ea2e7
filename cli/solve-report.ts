import type { QuboModel, SolutionEvaluation } from '../subgraphs/optimization/model';
import type { SolveParameters, SolveResult, StopReason, Strategy } from '../subgraphs/optimization/engine/solve-types';
import type { KernelStrategy } from '../subgraphs/optimization/engine/solve-task';
import type { FileFormat } from './infer-format';

/** The JSON document `goliath solve` prints on stdout; the field names are its interface. */
export interface SolveReport {
  readonly file: string;
  readonly format: FileFormat;
  readonly instance: number | null;
  readonly variables: number;
  /** As the API's SolverStrategy enum writes it. */
  readonly requestedStrategy: Strategy;
  /** The kernel that ran: `AUTO` resolved to SA or TABU, as the API's `strategy` answers. */
  readonly strategy: KernelStrategy;
  readonly seed: number;
  readonly parameters: SolveParameters;
  /** Best value in the file's convention: bqp maximum, cut value, or the JSON objective in its sense. */
  readonly bestObjective: number;
  readonly bestEnergy: number;
  /** One '0'/'1' per variable in file order: compact even for thousands of variables, and diffable. */
  readonly assignment: string;
  readonly timeToBestMs: number;
  readonly totalTimeMs: number;
  readonly restartsCompleted: number;
  readonly flipsAttempted: number;
  readonly stoppedBy: StopReason;
  readonly trace: readonly { ms: number; energy: number; objective: number }[];
}

export interface SolveReportInput {
  readonly file: string;
  readonly format: FileFormat;
  readonly instance: number | null;
  readonly model: QuboModel;
  readonly result: SolveResult;
  /** The best sample re-evaluated against the model, so the reported values come from the assignment itself. */
  readonly best: SolutionEvaluation;
}

export function buildSolveReport({ file, format, instance, model, result, best }: SolveReportInput): SolveReport {
  return {
    file,
    format,
    instance,
    variables: model.size,
    requestedStrategy: result.requestedStrategy,
    strategy: result.strategy,
    seed: result.parameters.seed,
    parameters: result.parameters,
    bestObjective: best.sourceObjective,
    bestEnergy: best.energy,
    assignment: Array.from(best.assignment.subarray(0, model.size), String).join(''),
    timeToBestMs: round(result.timeToBestMs),
    totalTimeMs: round(result.totalTimeMs),
    restartsCompleted: result.restartsCompleted,
    flipsAttempted: result.flipsAttempted,
    stoppedBy: result.stoppedBy,
    trace: result.trace.map(({ ms, energy }) => ({ ms: round(ms), energy, objective: model.toSourceObjective(energy) })),
  };
}

/** Timings to 0.1 ms: performance.now() digits beyond that are noise. */
function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
