/**
 * bench:evolution — penalty weights on constrained problem families whose optimum is known
 * exactly (bench/evolution/*-family.ts): for each family a training set and a held-out set of
 * seeded instances; every weight provider (the static rules UB, MQC, VLM and Qiskit's default;
 * EVOLVED, the weight search of `evolveConstraints` trained on the training set, see
 * evolution/evolved-provider.ts) sets every constraint's weight of each held-out instance, and the
 * engine solves it with the same time budget, seed and thread count. Measured on the best sample:
 * feasibility, optimality, gap to the exact optimum, time to the optimum; then the issue's targets
 * per family; then the prediction model's backtest (accuracy, Brier score, calibration on held-out
 * instances, evolution/prediction-backtest.ts). BENCH_EVOLUTION=knapsack,colouring picks families; BENCH_EVOLUTION_TIME_MS and
 * BENCH_EVOLUTION_INSTANCES change the budget and the held-out count.
 * Writes bench/results/evolution.json.
 */
import { join } from 'node:path';
import { SolverPool } from '../subgraphs/optimization/engine/solver-pool';
import { compileProblem } from '../subgraphs/optimization/model';
import { machineInfo, SMOKE, sized, writeBenchResult } from './bench-results';
import { assignmentFamily } from './evolution/assignment-family';
import { colouringFamily } from './evolution/colouring-family';
import { DEFAULT_EVOLVED_SETTINGS, describeLearned, evolvedProvider, type EvolvedSettings } from './evolution/evolved-provider';
import type { FamilyInstance, FamilyName, ProblemFamily } from './evolution/family';
import { knapsackFamily } from './evolution/knapsack-family';
import { portfolioFamily } from './evolution/portfolio-family';
import { formatPredictionBacktest, runPredictionBacktest, type PredictionBacktestResult } from './evolution/prediction-backtest';
import { solveInstance, type InstanceOutcome, type SolveSettings } from './evolution/solve-instance';
import { staticProviders, type WeightProvider } from './evolution/weight-providers';

/** Run from the esbuild bundle in bench/results, so the worker source is found from there. */
const WORKER_SOURCE = join(__dirname, '..', '..', 'subgraphs', 'optimization', 'engine', 'solver-worker.ts');
const TIME_LIMIT_MS = Number(process.env.BENCH_EVOLUTION_TIME_MS ?? sized(300, 40));
const TRAINING_INSTANCES = sized(10, 1);
const HELD_OUT_INSTANCES = Number(process.env.BENCH_EVOLUTION_INSTANCES ?? sized(20, 2));
const WORKERS = 1;
const SEED = 20240601;
const NUM_SAMPLES = 10;

const FAMILIES: readonly ProblemFamily[] = [
  knapsackFamily(sized({ items: 20, capacityShare: 0.35 }, { items: 8, capacityShare: 0.4 })),
  assignmentFamily(sized({ n: 16, maxCost: 50 }, { n: 4, maxCost: 20 })),
  portfolioFamily(sized({ assets: 24, hold: 8, riskAversion: 0.5 }, { assets: 8, hold: 3, riskAversion: 0.5 })),
  colouringFamily(sized({ vertices: 20, colours: 4, edgeProbability: 0.45, maxCost: 20 }, { vertices: 6, colours: 3, edgeProbability: 0.5, maxCost: 10 })),
];

/** The smoke run searches on one training instance with a tiny budget: it shows the path works, nothing more. */
const EVOLVED_SETTINGS: EvolvedSettings = sized(DEFAULT_EVOLVED_SETTINGS, { ...DEFAULT_EVOLVED_SETTINGS, maxEvaluations: 3, passes: 1 });
const EVOLVED = evolvedProvider(EVOLVED_SETTINGS);

/**
 * The columns: the static rules ask the instance alone; EVOLVED is trained per family on the
 * training instances (WeightProvider.train) and then asked like the others.
 */
const PROVIDERS: readonly WeightProvider[] = [...staticProviders(), EVOLVED];
const STATIC = new Set(staticProviders().map((provider) => provider.name));

/** The issue's targets for the evolved weights: ≥ 99 % feasible, mean gap ≤ 1 %, better than the best static rule on gap at no lower feasibility. */
const TARGET_FEASIBILITY = 0.99;
const TARGET_GAP_PERCENT = 1;

/** Training seeds and held-out seeds never meet: 1000+ and 5000+, offset per family. */
function seedsOf(familyIndex: number, base: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => 100_000 * (familyIndex + 1) + base + i);
}

interface Summary {
  family: FamilyName;
  method: string;
  instances: number;
  meanWeight: number;
  feasible: number;
  feasibleRate: number;
  optimal: number;
  optimalRate: number;
  /** Over the instances whose best sample is feasible; null when none is. */
  meanGapPercent: number | null;
  maxGapPercent: number | null;
  /** Over the instances whose best sample is a feasible optimum; null when none is. */
  medianTimeToOptimumMs: number | null;
  meanTimeToOptimumMs: number | null;
  meanFeasibleSampleShare: number;
  /** Instances whose best sample is infeasible below the optimum's energy: the weight is provably too low. */
  weightTooLow: number;
}

interface TargetCheck {
  family: FamilyName;
  feasibleRate: number;
  meanGapPercent: number | null;
  feasibilityMet: boolean;
  gapMet: boolean;
  /** The static rule with the highest feasibility, then the lowest mean gap. */
  bestStatic: { method: string; feasibleRate: number; meanGapPercent: number | null };
  /** Versus the best static rule: better (lower gap at no lower feasibility), tied (same feasibility and gap) or not. */
  versusBestStatic: 'better' | 'tied' | 'worse';
  /**
   * Evolved gap minus the best static rule's, instance by instance (same held-out instances, both
   * feasible): its mean and standard error say whether a difference in mean gap is more than noise.
   */
  pairedGapDifference: { mean: number; standardError: number; instances: number } | null;
  met: boolean;
}

type Row = InstanceOutcome & { family: FamilyName; method: string };

function checkTargets(family: FamilyName, summaries: readonly Summary[], rows: readonly Row[]): TargetCheck | null {
  const evolved = summaries.find((s) => s.family === family && s.method === 'EVOLVED');
  const statics = summaries.filter((s) => s.family === family && STATIC.has(s.method));
  if (!evolved || statics.length === 0) return null;
  const gapOf = (s: Summary) => s.meanGapPercent ?? Number.POSITIVE_INFINITY;
  const best = [...statics].sort((a, b) => b.feasibleRate - a.feasibleRate || gapOf(a) - gapOf(b))[0];
  const feasibilityMet = evolved.feasibleRate >= TARGET_FEASIBILITY;
  const gapMet = evolved.meanGapPercent !== null && evolved.meanGapPercent <= TARGET_GAP_PERCENT;
  const versusBestStatic = compareWithStatic(evolved, best, gapOf);
  return {
    family,
    feasibleRate: evolved.feasibleRate,
    meanGapPercent: evolved.meanGapPercent,
    feasibilityMet,
    gapMet,
    bestStatic: { method: best.method, feasibleRate: best.feasibleRate, meanGapPercent: best.meanGapPercent },
    versusBestStatic,
    pairedGapDifference: pairedGapDifference(rows.filter((row) => row.family === family), best.method),
    met: feasibilityMet && gapMet && versusBestStatic !== 'worse',
  };
}

/** Lower gap at no lower feasibility, or higher feasibility at no higher gap, is better; the same of both is a tie. */
function compareWithStatic(evolved: Summary, best: Summary, gapOf: (s: Summary) => number): TargetCheck['versusBestStatic'] {
  const tolerance = 1e-9;
  if (evolved.feasibleRate < best.feasibleRate) return 'worse';
  const gapDifference = gapOf(evolved) - gapOf(best);
  if (gapDifference < -tolerance) return 'better';
  if (gapDifference > tolerance) return 'worse';
  return evolved.feasibleRate > best.feasibleRate ? 'better' : 'tied';
}

function pairedGapDifference(rows: readonly Row[], bestStatic: string): TargetCheck['pairedGapDifference'] {
  const staticGaps = new Map(rows.filter((row) => row.method === bestStatic).map((row) => [row.instance, row.gapPercent]));
  const differences = rows.flatMap((row) => {
    const other = staticGaps.get(row.instance);
    return row.method === 'EVOLVED' && row.gapPercent !== null && other !== null && other !== undefined ? [row.gapPercent - other] : [];
  });
  if (differences.length < 2) return null;
  const average = mean(differences)!;
  const variance = differences.reduce((sum, d) => sum + (d - average) ** 2, 0) / (differences.length - 1);
  return { mean: average, standardError: Math.sqrt(variance / differences.length), instances: differences.length };
}

function fmtTarget(t: TargetCheck): string {
  const pct = (value: number | null) => (value === null ? '—' : `${value.toFixed(3)}%`);
  const paired = t.pairedGapDifference;
  const delta = paired ? `, paired Δgap ${paired.mean >= 0 ? '+' : ''}${paired.mean.toFixed(3)} ± ${paired.standardError.toFixed(3)} (1 s.e., ${paired.instances} instances)` : '';
  return `${t.family.padEnd(11)} feasible ${(100 * t.feasibleRate).toFixed(0)}% ${t.feasibilityMet ? '≥' : '<'} 99%, gap ${pct(t.meanGapPercent)} ${t.gapMet ? '≤' : '>'} 1%, vs best static ${t.bestStatic.method} (${(100 * t.bestStatic.feasibleRate).toFixed(0)}%, ${pct(t.bestStatic.meanGapPercent)})${delta}: ${t.versusBestStatic} → ${t.met ? (t.versusBestStatic === 'tied' ? 'MET (by a tie: nothing to beat)' : 'MET') : 'MISSED'}`;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function mean(values: number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

function summarise(family: FamilyName, method: string, outcomes: InstanceOutcome[]): Summary {
  const feasible = outcomes.filter((o) => o.feasible);
  const optimal = outcomes.filter((o) => o.optimal);
  const gaps = feasible.map((o) => o.gapPercent!);
  const times = optimal.map((o) => o.timeToOptimumMs!);
  return {
    family,
    method,
    instances: outcomes.length,
    meanWeight: mean(outcomes.map((o) => o.weight.max))!,
    feasible: feasible.length,
    feasibleRate: feasible.length / outcomes.length,
    optimal: optimal.length,
    optimalRate: optimal.length / outcomes.length,
    meanGapPercent: mean(gaps),
    maxGapPercent: gaps.length === 0 ? null : Math.max(...gaps),
    medianTimeToOptimumMs: median(times),
    meanTimeToOptimumMs: mean(times),
    meanFeasibleSampleShare: mean(outcomes.map((o) => o.feasibleSampleShare))!,
    weightTooLow: outcomes.filter((o) => o.weightTooLow).length,
  };
}

const HEADER = 'family      method      weight  feasible   optimal  mean gap%  max gap%  t→opt p50 ms  feasible samples  too low';

function fmt(s: Summary): string {
  const share = (count: number) => `${count}/${s.instances}`.padStart(8);
  const num = (value: number | null, digits: number, width: number) => (value === null ? '—' : value.toFixed(digits)).padStart(width);
  return [
    s.family.padEnd(11),
    s.method.padEnd(7),
    num(s.meanWeight, s.meanWeight < 10 ? 3 : 1, 10),
    share(s.feasible),
    ` ${share(s.optimal)}`,
    num(s.meanGapPercent, 3, 10),
    num(s.maxGapPercent, 3, 9),
    num(s.medianTimeToOptimumMs, 0, 13),
    `${(100 * s.meanFeasibleSampleShare).toFixed(0)}%`.padStart(17),
    String(s.weightTooLow).padStart(8),
  ].join(' ');
}

async function main(): Promise<void> {
  const picked = process.env.BENCH_EVOLUTION?.split(',').map((s) => s.trim()).filter(Boolean);
  const families = FAMILIES.filter((f) => !picked || picked.includes(f.family));
  if (families.length === 0) throw new Error(`BENCH_EVOLUTION names no family (${FAMILIES.map((f) => f.family).join(', ')})`);
  const pool = new SolverPool({ size: WORKERS, workerScript: WORKER_SOURCE });
  const settings: SolveSettings = { timeLimitMs: TIME_LIMIT_MS, seed: SEED, numSamples: NUM_SAMPLES, pool };
  const summaries: Summary[] = [];
  const familyReports: Record<string, unknown>[] = [];
  const rows: Row[] = [];
  const trainingMs: Partial<Record<FamilyName, number>> = {};
  const runStarted = performance.now();
  let prediction: PredictionBacktestResult | undefined;
  console.log(`time budget ${TIME_LIMIT_MS} ms per solve, ${WORKERS} solver thread, seed ${SEED}; ${TRAINING_INSTANCES} training and ${HELD_OUT_INSTANCES} held-out instances per family`);
  try {
    for (const family of families) {
      const index = FAMILIES.indexOf(family);
      const started = performance.now();
      const training = seedsOf(index, 1000, TRAINING_INSTANCES).map(family.generate);
      const heldOut = seedsOf(index, 5000, HELD_OUT_INSTANCES).map(family.generate);
      const exactMs = performance.now() - started;
      const quboVariables = compileProblem(heldOut[0].model, heldOut[0].constraints).variableNames.length;
      const describe = (set: FamilyInstance[]) => ({ seeds: set.map((i) => i.seed), variables: set[0].n, quboVariables, constraints: set[0].constraints.length });
      familyReports.push({ family: family.family, formulation: family.formulation, size: family.size, training: describe(training), heldOut: describe(heldOut), generateAndSolveExactlyMs: Math.round(exactMs) });
      console.log(`\n${family.formulation}\n  ${heldOut[0].n} variables${quboVariables > heldOut[0].n ? ` (+${quboVariables - heldOut[0].n} slack)` : ''}, ${heldOut[0].constraints.length} constraints; instances generated and solved exactly in ${exactMs.toFixed(0)} ms`);
      // Warm-up: starts the thread and lets V8 compile the kernels before anything is timed.
      await solveInstance(heldOut[0], await PROVIDERS[0].weightsFor(heldOut[0]), { ...settings, timeLimitMs: Math.min(50, TIME_LIMIT_MS) });
      console.log(HEADER);
      for (const provider of PROVIDERS) {
        if (provider.train) {
          const trainingStarted = performance.now();
          await provider.train(family.family, training, { timeLimitMs: TIME_LIMIT_MS, solve: (instance, weights) => solveInstance(instance, weights, settings) });
          trainingMs[family.family] = Math.round(performance.now() - trainingStarted);
        }
        const outcomes: InstanceOutcome[] = [];
        for (const instance of heldOut) {
          const outcome = await solveInstance(instance, await provider.weightsFor(instance), settings);
          outcomes.push(outcome);
          rows.push({ family: family.family, method: provider.name, ...outcome });
        }
        const summary = summarise(family.family, provider.name, outcomes);
        summaries.push(summary);
        console.log(fmt(summary));
      }
      const learned = EVOLVED.learned().get(family.family);
      if (learned) console.log(`  EVOLVED learned: ${describeLearned(learned)}`);
    }
    // The prediction model's backtest: trained on solves of training instances, asked about held-out ones.
    console.log('\nPrediction backtest (feasible at this weight? on held-out instances):');
    prediction = await runPredictionBacktest({ pool });
    console.log(formatPredictionBacktest(prediction));
  } finally {
    await pool.close();
  }
  const targets = families.map((family) => checkTargets(family.family, summaries, rows)).filter((t): t is TargetCheck => t !== null);
  console.log(`\nTargets (evolved ≥ 99% feasible, mean gap ≤ 1%, better than the best static rule on gap at no lower feasibility):`);
  for (const target of targets) console.log(fmtTarget(target));
  const runMs = Math.round(performance.now() - runStarted);
  console.log(`whole run ${(runMs / 1000).toFixed(0)} s, of which EVOLVED training ${(Object.values(trainingMs).reduce((a, b) => a + b, 0) / 1000).toFixed(0)} s`);

  const written = writeBenchResult('evolution', {
    machine: machineInfo(),
    timeLimitMs: TIME_LIMIT_MS,
    workers: WORKERS,
    strategy: 'AUTO',
    seed: SEED,
    numSamples: NUM_SAMPLES,
    trainingInstancesPerFamily: TRAINING_INSTANCES,
    heldOutInstancesPerFamily: HELD_OUT_INSTANCES,
    methods: PROVIDERS.map((p) => ({ name: p.name, description: p.description })),
    evolved: {
      settings: EVOLVED_SETTINGS,
      grouping: 'one multiplier of the base rule per constraint kind (the kinds are the roles in these families)',
      learned: Object.fromEntries([...EVOLVED.learned()].map(([family, learned]) => [family, { ...learned, trainingMsIncludingOverhead: trainingMs[family] }])),
    },
    targets,
    prediction,
    runMs,
    gapConvention: "% above the exact optimum in the model's minimisation objective, relative to |optimum|, of the best sample when it is feasible",
    families: familyReports,
    summaries,
    rows,
  });
  console.log(`\nwrote ${written}${SMOKE ? ' (smoke run: figures mean nothing)' : ''}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
