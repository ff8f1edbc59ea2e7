import { mase, wape, type BacktestPoint, type SeriesScales } from './accuracy';
import type { ForecastLedger } from './forecast-ledger';
import type { ForecastModel } from './models/forecast-model';

/** Issue 11: a new backtest origin every 6 hours. */
export const ORIGIN_STEP_HOURS = 6;
/** The backtest looks back four weeks of origins: long enough to calibrate, short enough to follow change. */
export const BACKTEST_ORIGINS = 112;
/** Candidates are compared on at least a week of origins when the history has one. */
export const MIN_COMPARED_ORIGINS = 28;

/** The worst tenth of each candidate's backtest origins is left out of the total it is ranked by. */
export const TRIMMED_ORIGIN_SHARE = 0.1;

/** A single model, or the mean of several (an ensemble, whose members the backtest picked). */
export interface ForecastCandidate {
  readonly id: string;
  readonly members: readonly ForecastModel[];
}

export function single(model: ForecastModel): ForecastCandidate {
  return { id: model.id, members: [model] };
}

export function ensemble(members: readonly ForecastModel[]): ForecastCandidate {
  return { id: `ensemble-mean(${members.map((model) => model.id).join(' + ')})`, members };
}

/** The candidate's forecast from `origin`: its members' mean, or null when one of them has none. */
export function candidateForecast(ledger: ForecastLedger, candidate: ForecastCandidate, origin: number): number[] | null {
  const forecasts = candidate.members.map((model) => ledger.forecast(model, origin));
  if (forecasts.some((forecast) => forecast === null)) return null;
  return forecasts[0]!.map((_, lead) => forecasts.reduce((sum, forecast) => sum + forecast![lead], 0) / forecasts.length);
}

/** The backtest origins of a forecast made at `origin`: every 6 h before it, the most recent BACKTEST_ORIGINS, oldest first. */
export function backtestOrigins(origin: number): number[] {
  const origins: number[] = [];
  for (let k = BACKTEST_ORIGINS; k >= 1; k--) if (origin - k * ORIGIN_STEP_HOURS >= 0) origins.push(origin - k * ORIGIN_STEP_HOURS);
  return origins;
}

/**
 * The scored points of a candidate's forecasts from `origins`, `horizon` hours each: only hours
 * recorded, ordinary (no calendar exception) and before `before`, the origin of the forecast being
 * made, so nothing it has not seen is scored.
 */
export function backtestPoints(ledger: ForecastLedger, scales: SeriesScales, candidate: ForecastCandidate, origins: readonly number[], horizon: number, before: number): BacktestPoint[] {
  const { actual, scorable } = ledger.series;
  const points: BacktestPoint[] = [];
  for (const origin of origins) {
    const forecast = candidateForecast(ledger, candidate, origin);
    if (!forecast) continue;
    const naiveScale = scales.naive(origin);
    const recentLevel = scales.recentLevel(origin);
    for (let lead = 0; lead < horizon && origin + lead < before; lead++) {
      const target = origin + lead;
      if (scorable[target]) points.push({ origin, lead, target, actual: actual[target]!, forecast: forecast[lead], naiveScale, recentLevel });
    }
  }
  return points;
}

export interface CandidateFigures {
  readonly modelId: string;
  readonly wape: number | null;
  readonly mase: number | null;
  readonly points: number;
}

export interface Selection {
  readonly chosen: ForecastCandidate;
  /** Every candidate scored on the same origins and hours, the singles in catalog order, then the ensembles. */
  readonly figures: readonly CandidateFigures[];
  readonly comparedOrigins: readonly number[];
  /** The chosen candidate's points from every backtest origin it has a forecast for: the conformal calibration set. */
  readonly chosenPoints: readonly BacktestPoint[];
}

/**
 * Rolling-origin selection: every candidate's forecasts from the backtest origins before
 * `origin`, scored on the same hours; the lowest total absolute error wins (the lowest WAPE, as the
 * hours are the same), the earlier candidate on a tie. The total leaves out each candidate's worst
 * tenth of origins: one spike, or a level shift, wrecks the one or two forecasts made just after
 * it, and a model that echoes it there (last value, yesterday's hour) would otherwise lose to one
 * that is worse every other day (on the NAB network series, where a 30× spike precedes a level
 * shift, the untrimmed total kept choosing a 7-day median that stayed at the old level).
 * The comparison runs over the origins every remaining candidate has a forecast for, and a
 * candidate with fewer than a week of those (fewer than the best-provided one has, in a shorter
 * history) is left out rather than let shrink everyone's comparison. Then the means of the best
 * two and best three are scored alike and may win. A candidate must also forecast from `origin`
 * itself. Null when no candidate has any backtest origin (the history is too short to backtest).
 * The figures reported are over all the hours, untrimmed.
 */
export function selectCandidate(ledger: ForecastLedger, scales: SeriesScales, models: readonly ForecastModel[], origin: number, horizon: number): Selection | null {
  const origins = backtestOrigins(origin);
  const usable = new Map(models.map((model) => [model, origins.filter((o) => ledger.forecast(model, o) !== null)]));
  const mostOrigins = Math.max(0, ...[...usable.values()].map((list) => list.length));
  if (mostOrigins === 0) return null;
  const needed = Math.min(MIN_COMPARED_ORIGINS, mostOrigins);
  let kept = models.filter((model) => usable.get(model)!.length >= needed && ledger.forecast(model, origin) !== null);
  let compared = commonOrigins(kept, usable);
  while (compared.length < needed && kept.length > 1) {
    const fewest = kept.reduce((worst, model) => (usable.get(model)!.length < usable.get(worst)!.length ? model : worst));
    kept = kept.filter((model) => model !== fewest);
    compared = commonOrigins(kept, usable);
  }
  if (kept.length === 0) return null;
  const score = (candidate: ForecastCandidate) => {
    const points = backtestPoints(ledger, scales, candidate, compared, horizon, origin);
    return { candidate, points, error: trimmedError(points) };
  };
  const singles = kept.map((model) => score(single(model)));
  const ranked = [...singles].sort((a, b) => a.error - b.error);
  // Members in catalog order, so one ensemble has one id whichever of its members ranked first.
  const bestModels = (size: number) => kept.filter((model) => ranked.slice(0, size).some((entry) => entry.candidate.members[0] === model));
  const ensembles = [2, 3].filter((size) => ranked.length >= size).map((size) => score(ensemble(bestModels(size))));
  const scored = [...singles, ...ensembles];
  const best = scored.reduce((winner, entry) => (entry.error < winner.error ? entry : winner));
  return {
    chosen: best.candidate,
    figures: scored.map(({ candidate, points }) => ({ modelId: candidate.id, wape: wape(points), mase: mase(points), points: points.length })),
    comparedOrigins: compared,
    chosenPoints: backtestPoints(ledger, scales, best.candidate, origins, horizon, origin),
  };
}

function commonOrigins(models: readonly ForecastModel[], usable: ReadonlyMap<ForecastModel, readonly number[]>): number[] {
  if (models.length === 0) return [];
  return usable.get(models[0])!.filter((origin) => models.every((model) => usable.get(model)!.includes(origin)));
}

/** The absolute error summed per origin, the worst TRIMMED_ORIGIN_SHARE of origins left out. */
export function trimmedError(points: readonly BacktestPoint[]): number {
  const perOrigin = new Map<number, number>();
  for (const point of points) perOrigin.set(point.origin, (perOrigin.get(point.origin) ?? 0) + Math.abs(point.actual - point.forecast));
  const errors = [...perOrigin.values()].sort((a, b) => a - b);
  return errors.slice(0, errors.length - Math.floor(errors.length * TRIMMED_ORIGIN_SHARE)).reduce((sum, error) => sum + error, 0);
}
