import { Xoshiro128 } from '../engine/prng';
import { featureVector, FEATURE_NAMES } from './features';
import { HEADS_LAYER, HIDDEN_LAYER, type ModelDescription, type ModelMetrics, type OutcomeModel, type TrainingOptions } from './outcome-model';
import type { OutcomeSample } from './outcome-samples';
import { feasibilityProbabilities } from './predict-outcome';
import { tensorflow, type tf } from './tensorflow';

/** Adam steps between two turns of the event loop: a long fit never holds the process for more than a moment. */
const STEPS_PER_TURN = 20;

/**
 * Fits the model on the samples: first without a held-out share of the solves, to measure accuracy
 * and Brier score on solves it never saw, then on every sample (the model kept). Deterministic for
 * a seed: seeded initial weights and split, full-batch steps, no shuffling.
 */
export async function trainOutcomeModel(samples: readonly OutcomeSample[], options: TrainingOptions): Promise<OutcomeModel> {
  if (samples.length === 0) throw new Error('trainOutcomeModel needs at least one sample');
  const { training, heldOut } = splitBySolve(samples, options);
  let held: Pick<ModelMetrics, 'heldOutAccuracy' | 'brierScore' | 'heldOutSamples'> = { heldOutAccuracy: null, brierScore: null, heldOutSamples: 0 };
  if (heldOut.length > 0) {
    const partial = await fit(training, options);
    const probabilities = await feasibilityProbabilities(partial, heldOut.map((sample) => sample.scenario));
    partial.network.dispose();
    const measured = scores(probabilities, heldOut);
    held = { heldOutAccuracy: measured.accuracy, brierScore: measured.brierScore, heldOutSamples: heldOut.length };
  }
  const model = await fit(samples, options);
  const trainingScores = scores(await feasibilityProbabilities(model, samples.map((sample) => sample.scenario)), samples);
  const metrics: ModelMetrics = {
    trainedOn: samples.length,
    positiveShare: samples.filter((sample) => sample.satisfied).length / samples.length,
    trainingAccuracy: trainingScores.accuracy,
    ...held,
  };
  const description = { ...model.description, metrics };
  model.network.setUserDefinedMetadata(description);
  return { network: model.network, description };
}

/**
 * Outcomes with the same features (a solve's constraints of one kind, repeated solves at one
 * weight) are one row of the fit, weighted by their count: the log-loss of a row with the mean
 * label and the squared error to the mean target equal the sums over its outcomes (up to a
 * constant), so the fit is the same and its cost grows with the distinct cases, not the outcomes.
 */
interface FitRow {
  readonly features: number[];
  readonly count: number;
  readonly satisfiedShare: number;
  readonly violated: number;
  readonly meanLogViolation: number;
  readonly gaps: number;
  readonly meanLogGap: number;
}

function fitRows(samples: readonly OutcomeSample[]): FitRow[] {
  const groups = new Map<string, { features: number[]; count: number; satisfied: number; violated: number; logViolation: number; gaps: number; logGap: number }>();
  for (const sample of samples) {
    const features = featureVector(sample.scenario);
    const key = features.join(',');
    const group = groups.get(key) ?? { features, count: 0, satisfied: 0, violated: 0, logViolation: 0, gaps: 0, logGap: 0 };
    group.count += 1;
    if (sample.satisfied) group.satisfied += 1;
    else {
      group.violated += 1;
      group.logViolation += Math.log1p(sample.violation);
    }
    if (sample.objectiveGap !== null) {
      group.gaps += 1;
      group.logGap += Math.log1p(sample.objectiveGap);
    }
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => ({
    features: group.features,
    count: group.count,
    satisfiedShare: group.satisfied / group.count,
    violated: group.violated,
    meanLogViolation: group.violated > 0 ? group.logViolation / group.violated : 0,
    gaps: group.gaps,
    meanLogGap: group.gaps > 0 ? group.logGap / group.gaps : 0,
  }));
}

async function fit(samples: readonly OutcomeSample[], options: TrainingOptions): Promise<OutcomeModel> {
  const tf = await tensorflow();
  const rows = fitRows(samples);
  const { means, scales } = standardisation(rows.map((row) => row.features));
  const standardised = rows.map((row) => row.features.map((value, i) => (value - means[i]) / scales[i]));
  const network = buildNetwork(tf, FEATURE_NAMES.length, options);
  const column = (values: (row: FitRow) => number) => tf.tensor1d(rows.map(values));
  const x = tf.tensor2d(standardised, [rows.length, FEATURE_NAMES.length]);
  const label = column((row) => row.satisfiedShare);
  const count = column((row) => row.count);
  const violated = column((row) => row.violated);
  const violation = column((row) => row.meanLogViolation);
  const gaps = column((row) => row.gaps);
  const gap = column((row) => row.meanLogGap);
  const optimizer = tf.train.adam(options.learningRate);
  const variables = network.trainableWeights.map((weight) => weight.read() as tf.Variable);
  const kernels = network.trainableWeights.filter((weight) => weight.name.includes('kernel')).map((weight) => weight.read());
  const weightedMean = (losses: tf.Tensor, weights: tf.Tensor1D) => tf.div(tf.sum(tf.mul(weights, losses)), tf.maximum(tf.sum(weights), 1));
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      const cost = optimizer.minimize(
        () => {
          const heads = network.apply(x) as tf.Tensor2D;
          const [logit, logViolation, logGap] = tf.unstack(heads, 1) as tf.Tensor1D[];
          const logLoss = weightedMean(tf.losses.sigmoidCrossEntropy(label, logit, undefined, undefined, tf.Reduction.NONE) as tf.Tensor1D, count);
          const penalty = tf.addN(kernels.map((kernel) => tf.sum(tf.square(kernel))));
          return tf.addN([logLoss, weightedMean(tf.square(tf.sub(violation, logViolation)), violated), weightedMean(tf.square(tf.sub(gap, logGap)), gaps), tf.mul(options.l2, penalty)]) as tf.Scalar;
        },
        false,
        variables,
      );
      cost?.dispose();
      if ((epoch + 1) % STEPS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    const logitCovariance = laplaceCovariance(tf, network, x, rows, samples.length, options);
    const description: ModelDescription = {
      features: FEATURE_NAMES,
      means,
      scales,
      logitCovariance,
      options,
      metrics: { trainedOn: samples.length, positiveShare: 0, trainingAccuracy: 0, heldOutAccuracy: null, brierScore: null, heldOutSamples: 0 },
    };
    return { network, description };
  } finally {
    optimizer.dispose();
    tf.dispose([x, label, count, violated, violation, gaps, gap]);
  }
}

/** Standardised features → [hidden tanh layer] → three linear heads, with seeded initial weights. */
export function buildNetwork(tf: Awaited<ReturnType<typeof tensorflow>>, inputs: number, options: Pick<TrainingOptions, 'hiddenUnits' | 'seed'>): tf.LayersModel {
  const network = tf.sequential();
  if (options.hiddenUnits > 0) {
    network.add(tf.layers.dense({ name: HIDDEN_LAYER, inputShape: [inputs], units: options.hiddenUnits, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: options.seed }) }));
  }
  network.add(tf.layers.dense({ name: HEADS_LAYER, ...(options.hiddenUnits === 0 && { inputShape: [inputs] }), units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: options.seed + 1 }) }));
  return network;
}

/**
 * The feasibility head's weights are a logistic regression on what the hidden layer outputs; the
 * Laplace approximation of their posterior (the Hessian of the penalised log-loss at the fit,
 * inverted) says how sure the fit is of a prediction. It leaves out the hidden layer's own
 * uncertainty, so the interval is narrower than a full posterior's.
 */
function laplaceCovariance(tf: Awaited<ReturnType<typeof tensorflow>>, network: tf.LayersModel, x: tf.Tensor2D, rows: readonly FitRow[], n: number, options: TrainingOptions): number[][] {
  const phi = tf.tidy(() => (options.hiddenUnits > 0 ? (network.getLayer(HIDDEN_LAYER).apply(x) as tf.Tensor2D) : x.clone()));
  const logits = tf.tidy(() => tf.unstack(network.apply(x) as tf.Tensor2D, 1)[0]);
  const features = phi.arraySync();
  const logitValues = logits.dataSync();
  tf.dispose([phi, logits]);
  const size = features[0].length + 1;
  // The L2 penalty on a mean loss is a Gaussian prior of precision 2·n·l2 on the summed log-likelihood.
  const prior = 2 * n * options.l2 + 1e-6;
  const precision = Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => (i === j ? prior : 0)));
  features.forEach((row, k) => {
    const p = 1 / (1 + Math.exp(-logitValues[k]));
    const weight = rows[k].count * p * (1 - p);
    const augmented = [...row, 1];
    for (let i = 0; i < size; i++) for (let j = 0; j < size; j++) precision[i][j] += weight * augmented[i] * augmented[j];
  });
  return invert(precision);
}

/** Gauss–Jordan with partial pivoting; the prior keeps the matrix positive definite. */
export function invert(matrix: readonly (readonly number[])[]): number[][] {
  const size = matrix.length;
  const work = matrix.map((row, i) => [...row, ...Array.from({ length: size }, (_, j) => (i === j ? 1 : 0))]);
  for (let column = 0; column < size; column++) {
    let pivot = column;
    for (let row = column + 1; row < size; row++) if (Math.abs(work[row][column]) > Math.abs(work[pivot][column])) pivot = row;
    [work[column], work[pivot]] = [work[pivot], work[column]];
    const scale = work[column][column];
    for (let j = 0; j < 2 * size; j++) work[column][j] /= scale;
    for (let row = 0; row < size; row++) {
      if (row === column) continue;
      const factor = work[row][column];
      if (factor !== 0) for (let j = 0; j < 2 * size; j++) work[row][j] -= factor * work[column][j];
    }
  }
  return work.map((row) => row.slice(size));
}

/** Means and standard deviations; a constant feature keeps scale 1, so it reaches the network as 0. */
function standardisation(rows: readonly number[][]): { means: number[]; scales: number[] } {
  const width = rows[0].length;
  const means = Array.from({ length: width }, (_, i) => rows.reduce((sum, row) => sum + row[i], 0) / rows.length);
  const scales = means.map((mean, i) => {
    const sd = Math.sqrt(rows.reduce((sum, row) => sum + (row[i] - mean) ** 2, 0) / rows.length);
    return sd > 1e-9 ? sd : 1;
  });
  return { means, scales };
}

/** Whole solves held out (a solve's constraints share its features), chosen by the seed; none with fewer than two solves. */
function splitBySolve(samples: readonly OutcomeSample[], options: TrainingOptions): { training: OutcomeSample[]; heldOut: OutcomeSample[] } {
  const solves = [...new Set(samples.map((sample) => sample.solveId))].sort();
  if (solves.length < 2 || options.heldOutShare <= 0) return { training: [...samples], heldOut: [] };
  const random = new Xoshiro128(options.seed);
  for (let i = solves.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1);
    [solves[i], solves[j]] = [solves[j], solves[i]];
  }
  const heldOutSolves = new Set(solves.slice(0, Math.max(1, Math.round(options.heldOutShare * solves.length))));
  return { training: samples.filter((sample) => !heldOutSolves.has(sample.solveId)), heldOut: samples.filter((sample) => heldOutSolves.has(sample.solveId)) };
}

/** Accuracy at 0.5 and Brier score of predicted probabilities against the samples' labels. */
function scores(probabilities: readonly number[], samples: readonly OutcomeSample[]): { accuracy: number; brierScore: number } {
  let correct = 0;
  let squared = 0;
  probabilities.forEach((p, i) => {
    const y = samples[i].satisfied ? 1 : 0;
    if ((p >= 0.5 ? 1 : 0) === y) correct += 1;
    squared += (p - y) ** 2;
  });
  return { accuracy: correct / samples.length, brierScore: squared / samples.length };
}
