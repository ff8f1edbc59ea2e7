/**
 * The prediction model's backtest for bench:evolution: solves training instances of each family at
 * a spread of penalty weights, trains the production model on what those solves recorded (the same
 * feature pipeline: constraintOutcomes → samples), then predicts "the best sample satisfies this
 * constraint at this weight" for held-out instances at other weights and compares with their
 * actual solves. One model for all the families, as one tenant with four kinds of problems has.
 */
import type { SolverPool } from '../../subgraphs/optimization/engine/solver-pool';
import { DEFAULT_MODEL_LIMITS, penaltyWeightFor } from '../../subgraphs/optimization/model';
import { constraintOutcomes } from '../../subgraphs/optimization/performance/constraint-outcomes';
import { DEFAULT_TRAINING_OPTIONS, type ModelMetrics, type TrainingOptions } from '../../subgraphs/optimization/prediction/outcome-model';
import { samplesFromOutcomes, type OutcomeSample } from '../../subgraphs/optimization/prediction/outcome-samples';
import { feasibilityProbabilities } from '../../subgraphs/optimization/prediction/predict-outcome';
import { trainOutcomeModel } from '../../subgraphs/optimization/prediction/train-outcome-model';
import { solveProblem } from '../../subgraphs/optimization/solving/solve-problem';
import { SMOKE, sized } from '../bench-results';
import { assignmentFamily } from './assignment-family';
import { colouringFamily } from './colouring-family';
import type { FamilyInstance, FamilyName, ProblemFamily } from './family';
import { knapsackFamily } from './knapsack-family';
import { portfolioFamily } from './portfolio-family';
import { uniformWeights, withWeights } from './weight-providers';

export interface PredictionBacktestOptions {
  /** Default: the four families at bench:evolution's sizes (its smoke sizes under BENCH_SMOKE=1). */
  readonly families?: readonly ProblemFamily[];
  readonly trainingInstances?: number;
  readonly heldOutInstances?: number;
  /** Weights of the training solves, as multiples of the instance's MQC (its largest objective coefficient). */
  readonly trainingWeights?: readonly number[];
  /** Weights of the held-out solves: between the training ones, so the model interpolates, never looks up. */
  readonly heldOutWeights?: readonly number[];
  readonly timeLimitMs?: number;
  /** The engine's master seed, the same for every solve. */
  readonly seed?: number;
  readonly numSamples?: number;
  /** A solver pool to run on; without one every solve runs on the calling thread. */
  readonly pool?: SolverPool;
  readonly training?: TrainingOptions;
  readonly log?: (line: string) => void;
}

export interface CalibrationBin {
  /** `0.0–0.1` … `0.9–1.0`: the predicted probability's decile. */
  readonly bin: string;
  /** Mean predicted probability of the outcomes in the bin. */
  readonly predicted: number;
  /** The share of them whose best sample satisfied the constraint. */
  readonly observed: number;
  readonly count: number;
}

export interface FamilyBacktest extends Score {
  readonly family: FamilyName;
  readonly trainingSamples: number;
}

/**
 * accuracy: share of held-out outcomes (one per constraint per solve) whose satisfied/violated was
 * predicted right at p = 0.5; brierScore: mean (p − outcome)²; solveAccuracy: "the solve's best
 * sample is feasible" predicted as the product of its constraints' probabilities ≥ 0.5.
 */
export interface PredictionBacktestResult extends Score {
  readonly calibration: CalibrationBin[];
  readonly families: FamilyBacktest[];
  readonly trainingSamples: number;
  /** The model's own metrics (its held-out split of the training solves). */
  readonly modelMetrics: ModelMetrics;
  readonly settings: {
    readonly timeLimitMs: number;
    readonly seed: number;
    readonly numSamples: number;
    readonly trainingInstances: number;
    readonly heldOutInstances: number;
    readonly trainingWeights: readonly number[];
    readonly heldOutWeights: readonly number[];
    readonly training: TrainingOptions;
  };
  readonly solveMs: number;
  readonly trainMs: number;
}

/** bench:evolution's families and sizes (bench/evolution.bench.ts), so both report on the same problems. */
export function defaultBacktestFamilies(): ProblemFamily[] {
  return [
    knapsackFamily(sized({ items: 20, capacityShare: 0.35 }, { items: 8, capacityShare: 0.4 })),
    assignmentFamily(sized({ n: 16, maxCost: 50 }, { n: 4, maxCost: 20 })),
    portfolioFamily(sized({ assets: 24, hold: 8, riskAversion: 0.5 }, { assets: 8, hold: 3, riskAversion: 0.5 })),
    colouringFamily(sized({ vertices: 20, colours: 4, edgeProbability: 0.45, maxCost: 20 }, { vertices: 6, colours: 3, edgeProbability: 0.5, maxCost: 10 })),
  ];
}

const TRAINING_WEIGHTS = [1 / 16, 1 / 8, 1 / 4, 1 / 2, 1, 2, 4, 8];
const HELD_OUT_WEIGHTS = TRAINING_WEIGHTS.map((multiple) => multiple * Math.SQRT2);

/** Training seeds 1000+, held-out seeds 5000+, offset per family (bench:evolution's convention): the two never meet. */
function seedsOf(familyIndex: number, base: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => 100_000 * (familyIndex + 1) + base + i);
}

export async function runPredictionBacktest(options: PredictionBacktestOptions = {}): Promise<PredictionBacktestResult> {
  const families = options.families ?? defaultBacktestFamilies();
  const settings = {
    timeLimitMs: options.timeLimitMs ?? sized(100, 20),
    seed: options.seed ?? 20240601,
    numSamples: options.numSamples ?? 10,
    trainingInstances: options.trainingInstances ?? sized(6, 2),
    heldOutInstances: options.heldOutInstances ?? sized(10, 1),
    trainingWeights: options.trainingWeights ?? sized(TRAINING_WEIGHTS, [1 / 8, 1, 8]),
    heldOutWeights: options.heldOutWeights ?? sized(HELD_OUT_WEIGHTS, [1 / 4, 4]),
    training: options.training ?? DEFAULT_TRAINING_OPTIONS,
  };
  const log = options.log ?? (() => undefined);
  let solves = 0;
  const solveStarted = performance.now();
  const solveAt = async (instance: FamilyInstance, multiple: number): Promise<OutcomeSample[]> => {
    const weight = multiple * penaltyWeightFor('MQC', instance.model);
    const constraints = withWeights(instance, uniformWeights(instance, weight));
    const started = performance.now();
    const solution = await solveProblem({
      model: instance.model,
      constraints,
      limits: DEFAULT_MODEL_LIMITS,
      strategy: 'AUTO',
      timeLimitMs: settings.timeLimitMs,
      seed: settings.seed,
      numSamples: settings.numSamples,
      workers: options.pool ? options.pool.size : 0,
      pool: options.pool,
    });
    const solveId = `${instance.name}@${multiple}`;
    const recorded = constraintOutcomes({
      solveId,
      solveKind: 'OPTIMIZE_QUBO',
      tenantId: 'backtest',
      problemId: instance.name,
      model: instance.model,
      constraints,
      solution,
      timeLimitMs: settings.timeLimitMs,
      cpuMs: performance.now() - started,
      recordedAt: new Date(0).toISOString(),
    });
    solves += 1;
    return samplesFromOutcomes(recorded, instance.optimum.objective);
  };

  const training: OutcomeSample[] = [];
  const trainingByFamily = new Map<FamilyName, number>();
  const heldOut: { family: FamilyName; samples: OutcomeSample[] }[] = [];
  for (const [index, family] of families.entries()) {
    const before = training.length;
    for (const instance of seedsOf(index, 1000, settings.trainingInstances).map(family.generate)) {
      for (const multiple of settings.trainingWeights) training.push(...(await solveAt(instance, multiple)));
    }
    trainingByFamily.set(family.family, training.length - before);
    const samples: OutcomeSample[] = [];
    for (const instance of seedsOf(index, 5000, settings.heldOutInstances).map(family.generate)) {
      for (const multiple of settings.heldOutWeights) samples.push(...(await solveAt(instance, multiple)));
    }
    heldOut.push({ family: family.family, samples });
    log(`  ${family.family}: ${solves} solves so far`);
  }
  const solveMs = performance.now() - solveStarted;

  const trainStarted = performance.now();
  const model = await trainOutcomeModel(training, settings.training);
  const trainMs = performance.now() - trainStarted;
  log(`  trained on ${training.length} outcomes in ${trainMs.toFixed(0)} ms`);

  const scored: { family: FamilyName; sample: OutcomeSample; p: number }[] = [];
  for (const { family, samples } of heldOut) {
    const probabilities = await feasibilityProbabilities(model, samples.map((sample) => sample.scenario));
    samples.forEach((sample, i) => scored.push({ family, sample, p: probabilities[i] }));
  }
  return {
    ...score(scored),
    calibration: calibration(scored),
    families: families.map((family) => {
      const own = scored.filter((entry) => entry.family === family.family);
      return { family: family.family, ...score(own), trainingSamples: trainingByFamily.get(family.family) ?? 0 };
    }),
    trainingSamples: training.length,
    modelMetrics: model.description.metrics,
    settings,
    solveMs: Math.round(solveMs),
    trainMs: Math.round(trainMs),
  };
}

interface Score {
  readonly accuracy: number;
  /** The accuracy of answering "satisfied" every time: the bar the model must clear to have learnt anything. */
  readonly alwaysSatisfiedAccuracy: number;
  readonly brierScore: number;
  readonly samples: number;
  readonly solveAccuracy: number;
  /** The accuracy of answering "feasible" for every solve. */
  readonly alwaysFeasibleSolveAccuracy: number;
  readonly solves: number;
}

interface Scored {
  readonly sample: OutcomeSample;
  readonly p: number;
}

function score(scored: readonly Scored[]): Score {
  const right = scored.filter(({ sample, p }) => p >= 0.5 === sample.satisfied).length;
  const brier = scored.reduce((sum, { sample, p }) => sum + (p - (sample.satisfied ? 1 : 0)) ** 2, 0);
  const bySolve = new Map<string, Scored[]>();
  for (const entry of scored) bySolve.set(entry.sample.solveId, [...(bySolve.get(entry.sample.solveId) ?? []), entry]);
  const solves = [...bySolve.values()];
  const feasible = (entries: readonly Scored[]) => entries.every(({ sample }) => sample.satisfied);
  // The solve is feasible when every constraint is satisfied: the product of their probabilities.
  const solvesRight = solves.filter((entries) => entries.reduce((product, { p }) => product * p, 1) >= 0.5 === feasible(entries)).length;
  const n = Math.max(1, scored.length);
  return {
    accuracy: right / n,
    alwaysSatisfiedAccuracy: scored.filter(({ sample }) => sample.satisfied).length / n,
    brierScore: brier / n,
    samples: scored.length,
    solveAccuracy: solvesRight / Math.max(1, solves.length),
    alwaysFeasibleSolveAccuracy: solves.filter(feasible).length / Math.max(1, solves.length),
    solves: solves.length,
  };
}

function calibration(scored: readonly Scored[]): CalibrationBin[] {
  return Array.from({ length: 10 }, (_, bin) => {
    const inBin = scored.filter(({ p }) => Math.min(9, Math.floor(p * 10)) === bin);
    return {
      bin: `${(bin / 10).toFixed(1)}–${((bin + 1) / 10).toFixed(1)}`,
      predicted: inBin.length > 0 ? inBin.reduce((sum, { p }) => sum + p, 0) / inBin.length : 0,
      observed: inBin.length > 0 ? inBin.filter(({ sample }) => sample.satisfied).length / inBin.length : 0,
      count: inBin.length,
    };
  }).filter((bin) => bin.count > 0);
}

/** A table of the result, for the benchmark's output. */
export function formatPredictionBacktest(result: PredictionBacktestResult): string {
  const pct = (value: number) => `${(100 * value).toFixed(1)}%`;
  const lines = [
    `prediction backtest${SMOKE ? ' (smoke)' : ''}: trained on ${result.trainingSamples} outcomes, scored on ${result.samples} held-out outcomes`,
    '(baseline: answering "satisfied" / "feasible" every time)',
    'family      accuracy (baseline)  Brier   outcomes  solves right (baseline)',
    ...[...result.families, { ...result, family: 'all' }].map(
      (f) =>
        `${f.family.padEnd(11)} ${pct(f.accuracy).padStart(8)} ${`(${pct(f.alwaysSatisfiedAccuracy)})`.padStart(10)}  ${f.brierScore.toFixed(3)}  ${String(f.samples).padStart(8)}  ${`${pct(f.solveAccuracy)} of ${f.solves}`.padStart(13)} ${`(${pct(f.alwaysFeasibleSolveAccuracy)})`.padStart(9)}`,
    ),
    'calibration: predicted → observed (count)',
    ...result.calibration.map((bin) => `  ${bin.bin}: ${bin.predicted.toFixed(2)} → ${bin.observed.toFixed(2)} (${bin.count})`),
  ];
  return lines.join('\n');
}
