import type { ForecastModel } from './forecast-model';
import { minimise } from './nelder-mead';

export interface HoltWintersSettings {
  /** Adds the weekly cycle to the daily one: Taylor's double seasonal Holt-Winters (2003). */
  readonly weekly: boolean;
  readonly trainingHours: number;
}

interface Smoothing {
  readonly alpha: number;
  readonly delta: number;
  readonly omega: number;
  readonly phi: number;
}

const DAY = 24;
const WEEK = 168;
const FIT_ITERATIONS = 150;

/**
 * Additive Holt-Winters with a daily and (optionally) a weekly seasonal index, and Taylor's AR(1)
 * adjustment on the one-step error, which lets the first hours of a forecast lean on how far the
 * last hour was off. alpha, delta, omega (smoothing of level, daily, weekly index) and phi (the
 * error's autocorrelation) minimise the one-step squared error over the training hours (Nelder–Mead
 * on their logits, so each stays in (0, 1)). The initial states are deterministic averages of the
 * first cycles, so the stored smoothing values and the training window rebuild the forecast.
 */
export function holtWinters(settings: HoltWintersSettings): ForecastModel {
  const { weekly, trainingHours } = settings;
  return {
    id: weekly ? 'holt-winters-daily-weekly' : 'holt-winters-daily',
    family: 'holt-winters',
    parameters: { ...settings },
    cycle: weekly ? 'weekly' : 'daily',
    // One week is enough to start the weekly index from, so the backtest can judge this model for
    // a week before the two weeks after which weekly models may be chosen (catalog.ts).
    minimumHours: weekly ? WEEK : 2 * DAY,
    trainingHours,
    fit(training, horizon) {
      const initial = initialStates(training, weekly);
      const sse = (x: readonly number[]) => run(training, initial, smoothingOf(x), 0).sse;
      const best = minimise(sse, [-2, -3, -3, 1], { iterations: FIT_ITERATIONS, step: 0.7 });
      const smoothing = smoothingOf(best.x);
      return { forecast: run(training, initial, smoothing, horizon).forecast, fitted: { ...smoothing } };
    },
  };
}

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

function smoothingOf(x: readonly number[]): Smoothing {
  return { alpha: logistic(x[0]), delta: logistic(x[1]), omega: logistic(x[2]), phi: logistic(x[3]) };
}

interface States {
  readonly level: number;
  readonly daily: readonly number[];
  readonly weekly: readonly number[] | null;
}

/** Level: the mean of the first cycles; daily index: the mean deviation per hour of day; weekly: what is left per hour of week. */
function initialStates(training: readonly number[], weekly: boolean): States {
  const cycle = weekly ? WEEK : DAY;
  const cycles = Math.max(1, Math.min(2, Math.floor(training.length / cycle)));
  const hours = Math.min(training.length, cycles * cycle);
  let level = 0;
  for (let t = 0; t < hours; t++) level += training[t] / hours;
  const daily = new Array<number>(DAY).fill(0);
  const perHourOfDay = new Array<number>(DAY).fill(0);
  for (let t = 0; t < hours; t++) {
    daily[t % DAY] += training[t] - level;
    perHourOfDay[t % DAY] += 1;
  }
  daily.forEach((sum, h) => (daily[h] = perHourOfDay[h] > 0 ? sum / perHourOfDay[h] : 0));
  if (!weekly) return { level, daily, weekly: null };
  const week = new Array<number>(WEEK).fill(0);
  for (let t = 0; t < hours; t++) week[t % WEEK] += (training[t] - level - daily[t % DAY]) / cycles;
  return { level, daily, weekly: week };
}

function run(training: readonly number[], initial: States, smoothing: Smoothing, horizon: number): { sse: number; forecast: number[] } {
  const { alpha, delta, omega, phi } = smoothing;
  let level = initial.level;
  const daily = [...initial.daily];
  const week = initial.weekly ? [...initial.weekly] : null;
  let error = 0;
  let sse = 0;
  for (let t = 0; t < training.length; t++) {
    const d = t % DAY;
    const w = t % WEEK;
    const seasonal = daily[d] + (week ? week[w] : 0);
    const oneStep = level + seasonal + phi * error;
    const newError = training[t] - oneStep;
    sse += newError * newError;
    const adjusted = training[t] - phi * error;
    const previousLevel = level;
    level = alpha * (adjusted - seasonal) + (1 - alpha) * level;
    daily[d] = delta * (adjusted - previousLevel - (week ? week[w] : 0)) + (1 - delta) * daily[d];
    if (week) week[w] = omega * (adjusted - previousLevel - daily[d]) + (1 - omega) * week[w];
    error = newError;
  }
  const forecast: number[] = [];
  for (let lead = 0; lead < horizon; lead++) {
    error *= phi;
    const t = training.length + lead;
    forecast.push(level + daily[t % DAY] + (week ? week[t % WEEK] : 0) + error);
  }
  return { sse, forecast };
}
