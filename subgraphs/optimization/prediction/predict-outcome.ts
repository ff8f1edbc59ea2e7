import { featureVector, type ConstraintScenario } from './features';
import { HIDDEN_LAYER, type OutcomeModel } from './outcome-model';
import { MAX_OBJECTIVE_GAP } from './outcome-samples';
import { tensorflow, type tf } from './tensorflow';

/** What the model expects of one constraint in one solve. */
export interface OutcomePrediction {
  /** P(the solve's best sample satisfies the constraint). */
  readonly feasibilityProbability: number;
  /** 95 % interval of that probability from the Laplace approximation of the feasibility head (outcome-model.ts). */
  readonly interval: { readonly low: number; readonly high: number };
  /** (1 − p) × the violation expected when it is violated, in the constraint's own units. */
  readonly expectedViolation: number;
  /** Relative gap of the best objective satisfying it to the problem's best feasible objective, when satisfied. */
  readonly expectedObjectiveGap: number;
}

/** Two-sided 95 % of a normal. */
const Z_95 = 1.959964;

export async function predictOutcomes(model: OutcomeModel, scenarios: readonly ConstraintScenario[]): Promise<OutcomePrediction[]> {
  if (scenarios.length === 0) return [];
  const { heads, phi } = await forward(model, scenarios);
  const covariance = model.description.logitCovariance;
  return heads.map(([logit, logViolation, logGap], k) => {
    const augmented = [...phi[k], 1];
    let variance = 0;
    for (let i = 0; i < augmented.length; i++) for (let j = 0; j < augmented.length; j++) variance += augmented[i] * covariance[i][j] * augmented[j];
    const spread = Z_95 * Math.sqrt(Math.max(0, variance));
    const p = sigmoid(logit);
    return {
      feasibilityProbability: p,
      interval: { low: sigmoid(logit - spread), high: sigmoid(logit + spread) },
      expectedViolation: (1 - p) * Math.max(0, Math.expm1(logViolation)),
      expectedObjectiveGap: Math.min(MAX_OBJECTIVE_GAP, Math.max(0, Math.expm1(logGap))),
    };
  });
}

/** P(feasible) for each scenario: what accuracy and Brier score are measured on. */
export async function feasibilityProbabilities(model: OutcomeModel, scenarios: readonly ConstraintScenario[]): Promise<number[]> {
  if (scenarios.length === 0) return [];
  return (await forward(model, scenarios, false)).heads.map(([logit]) => sigmoid(logit));
}

/** P(the best sample satisfies the constraint) at a candidate weight, everything else as in the scenario. */
export async function feasibilityAt(model: OutcomeModel, scenario: ConstraintScenario, penaltyWeight: number): Promise<number> {
  const [p] = await feasibilityProbabilities(model, [{ ...scenario, penaltyWeight }]);
  return p;
}

export interface WeightRange {
  readonly min: number;
  readonly max: number;
}

/** Candidate weights per doubling searched by smallestWeightFor before it refines by bisection. */
const STEPS_PER_DOUBLING = 4;
const BISECTIONS = 8;

/**
 * The smallest weight in the range from which on the model predicts P(feasible) ≥ threshold (at
 * every larger weight of a log grid over the range, so a bump of a non-monotone fit does not
 * count), refined by bisection; null when no weight in the range reaches it. The range defaults to
 * 2^−12…2^12 times the objective's scale.
 */
export async function smallestWeightFor(model: OutcomeModel, scenario: ConstraintScenario, threshold: number, range?: WeightRange): Promise<number | null> {
  const scale = scenario.coefficientScale > 0 ? scenario.coefficientScale : 1;
  const { min, max } = range ?? { min: scale * 2 ** -12, max: scale * 2 ** 12 };
  if (!(min > 0 && max >= min)) throw new Error(`smallestWeightFor needs 0 < min ≤ max, got ${min}…${max}`);
  const steps = Math.max(1, Math.ceil(Math.log2(max / min) * STEPS_PER_DOUBLING));
  const grid = Array.from({ length: steps + 1 }, (_, i) => min * (max / min) ** (i / steps));
  const probabilities = await feasibilityProbabilities(model, grid.map((penaltyWeight) => ({ ...scenario, penaltyWeight })));
  let first = grid.length;
  while (first > 0 && probabilities[first - 1] >= threshold) first -= 1;
  if (first === grid.length) return null;
  if (first === 0) return grid[0];
  let low = grid[first - 1];
  let high = grid[first];
  for (let i = 0; i < BISECTIONS; i++) {
    const middle = Math.sqrt(low * high);
    if ((await feasibilityAt(model, scenario, middle)) >= threshold) high = middle;
    else low = middle;
  }
  return high;
}

async function forward(model: OutcomeModel, scenarios: readonly ConstraintScenario[], withPhi = true): Promise<{ heads: number[][]; phi: number[][] }> {
  const tf = await tensorflow();
  const { means, scales, options } = model.description;
  const rows = scenarios.map((scenario) => featureVector(scenario).map((value, i) => (value - means[i]) / scales[i]));
  return tf.tidy(() => {
    const x = tf.tensor2d(rows, [rows.length, means.length]);
    const heads = (model.network.predict(x) as tf.Tensor2D).arraySync();
    if (!withPhi) return { heads, phi: [] };
    const phi = options.hiddenUnits > 0 ? (model.network.getLayer(HIDDEN_LAYER).apply(x) as tf.Tensor2D).arraySync() : rows;
    return { heads, phi };
  });
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
