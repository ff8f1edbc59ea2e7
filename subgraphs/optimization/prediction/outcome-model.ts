import type * as tf from '@tensorflow/tfjs';

/** How a model is fitted: recorded with it, so a rebuild from the same rows gives the same model. */
export interface TrainingOptions {
  /** Units of the one hidden layer (tanh); 0 fits a logistic regression on the features. */
  readonly hiddenUnits: number;
  /** Full-batch Adam steps. */
  readonly epochs: number;
  readonly learningRate: number;
  /** L2 penalty on the kernels (the prior of the interval's Laplace approximation too). */
  readonly l2: number;
  /** Seeds the initial weights and the held-out split: training is a pure function of the rows and this. */
  readonly seed: number;
  /** The share of solves held out to measure accuracy and Brier score before the final fit on every row. */
  readonly heldOutShare: number;
}

/** How well the model predicted feasibility, on the rows it was fitted on and on solves it never saw. */
export interface ModelMetrics {
  readonly trainedOn: number;
  /** The share of the outcomes whose best sample satisfied the constraint. */
  readonly positiveShare: number;
  readonly trainingAccuracy: number;
  /** Over the held-out solves' outcomes, by a model fitted without them; null with fewer than two solves. */
  readonly heldOutAccuracy: number | null;
  /** Mean squared error of the predicted probability on the held-out outcomes (0 perfect, 0.25 a coin). */
  readonly brierScore: number | null;
  readonly heldOutSamples: number;
}

/** What a model carries besides its weights (tfjs's userDefinedMetadata in model.json). */
export interface ModelDescription {
  readonly features: readonly string[];
  /** Each feature is standardised with these before it reaches the network. */
  readonly means: readonly number[];
  readonly scales: readonly number[];
  /**
   * Covariance of the feasibility head's weights (last hidden layer's outputs and a bias), from a
   * Laplace approximation at the fitted weights: the interval of a prediction.
   */
  readonly logitCovariance: readonly (readonly number[])[];
  readonly options: TrainingOptions;
  readonly metrics: ModelMetrics;
}

/**
 * A trained model: a tfjs network from standardised features to three heads — the feasibility
 * logit, log(1 + violation) when the constraint is violated, log(1 + objective gap) when it is
 * satisfied — and its description.
 */
export interface OutcomeModel {
  readonly network: tf.LayersModel;
  readonly description: ModelDescription;
}

export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = { hiddenUnits: 8, epochs: 300, learningRate: 0.05, l2: 1e-3, seed: 1, heldOutShare: 0.2 };

/** The layer whose outputs the feasibility head (and its interval) reads; absent in a logistic regression. */
export const HIDDEN_LAYER = 'hidden';
export const HEADS_LAYER = 'heads';
