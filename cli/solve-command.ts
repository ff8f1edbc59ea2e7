import { solveQubo } from '../subgraphs/optimization/engine/solve-qubo';
import { compileProblem, evaluateSolution, type CompiledProblem, type QuboModel } from '../subgraphs/optimization/model';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { asUsageError, loadModel } from './load-model';
import { ProgressBar } from './progress-bar';
import { parseSolveArgs, SOLVE_USAGE } from './solve-args';
import { buildSolveReport } from './solve-report';
import { EXIT_INTERRUPTED, EXIT_OK } from './usage-error';

export const solveCommand: Command = {
  name: 'solve',
  summary: 'solve a bqp, Gset or JSON QUBO file locally; progress on stderr, result as JSON on stdout',
  handlesInterrupt: true,
  run: runSolve,
};

/** `goliath solve FILE [options]`: see SOLVE_USAGE. */
export async function runSolve(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseSolveArgs(argv);
  if (args.help) {
    io.stdout.write(`${SOLVE_USAGE}\n`);
    return EXIT_OK;
  }
  const { model, format, instance } = loadModel(args.file, args.format, args.instance);
  const problem = compileOrExplain(model, args.file);
  const bar = new ProgressBar(io.stderr, { timeLimitMs: args.timeLimitMs, toObjective: (energy) => model.toSourceObjective(energy) });
  const result = await solveQubo(problem.compiled, {
    strategy: args.strategy,
    timeLimitMs: args.timeLimitMs,
    seed: args.seed,
    workers: args.workers,
    // Only the best assignment is printed, so the engine need not keep more.
    numSamples: 1,
    signal: io.signal,
    onProgress: (progress) => bar.update(progress),
  });
  bar.finish({ bestEnergy: result.bestEnergy, elapsedMs: result.totalTimeMs, fractionOfBudget: 1 });
  const best = evaluateSolution(problem, result.samples[0].x);
  const report = buildSolveReport({ file: args.file, format, instance, model, result, best });
  io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  // Stopped by Ctrl-C: the best result so far is printed, and the exit code still says it was cut short.
  return io.signal?.aborted ? EXIT_INTERRUPTED : EXIT_OK;
}

/** Without constraints compilation can only fail on the model itself (e.g. a reserved name in a JSON file). */
function compileOrExplain(model: QuboModel, file: string): CompiledProblem {
  try {
    return compileProblem(model);
  } catch (error) {
    throw asUsageError(error, file);
  }
}
