import { hoursAfter, type DemandForecast, type HourlySeries, type RollingForecaster } from '../../subgraphs/scaling/forecasting';

export interface EvaluationFigures {
  readonly modelId: string;
  readonly wape: number | null;
  readonly mase: number | null;
  readonly coverage: number | null;
  readonly points: number;
}

export interface SeriesEvaluation {
  readonly series: string;
  readonly hours: number;
  readonly horizonHours: number;
  readonly firstOriginHours: number;
  readonly origins: number;
  readonly selected: EvaluationFigures;
  /** Each catalog model alone at every origin, seasonal naive among them. */
  readonly models: readonly EvaluationFigures[];
  /** How often the backtest chose each candidate. */
  readonly chosen: Readonly<Record<string, number>>;
  readonly milliseconds: number;
}

export interface EvaluationSettings {
  readonly horizonHours: number;
  readonly coverage: number;
  readonly originStepHours: number;
  readonly firstOriginHours: number;
  /** Only the first origins (the smoke run). */
  readonly maxOrigins: number;
  /** The models evaluated alone besides the selection. */
  readonly modelIds: readonly string[];
}

/** Sums over the evaluated hours, turned into figures at the end. */
class Tally {
  private error = 0;
  private total = 0;
  private scaled = 0;
  private scaledCount = 0;
  private covered = 0;
  private points = 0;

  add(forecast: DemandForecast, actual: readonly (number | null)[], naiveScale: number | null): void {
    forecast.points.forEach((point, lead) => {
      const value = actual[lead];
      if (value === null || value === undefined) return;
      const error = Math.abs(value - point.expected);
      this.error += error;
      this.total += Math.abs(value);
      if (naiveScale !== null && naiveScale > 0) {
        this.scaled += error / naiveScale;
        this.scaledCount += 1;
      }
      this.covered += value >= point.lower && value <= point.upper ? 1 : 0;
      this.points += 1;
    });
  }

  figures(modelId: string): EvaluationFigures {
    return {
      modelId,
      wape: this.total > 0 ? this.error / this.total : null,
      mase: this.scaledCount > 0 ? this.scaled / this.scaledCount : null,
      coverage: this.points > 0 ? this.covered / this.points : null,
      points: this.points,
    };
  }
}

/**
 * The honest rolling evaluation of one series: from every origin (every `originStepHours` from
 * `firstOriginHours` while a whole horizon of recorded hours follows), the forecast the library
 * makes from the hours before it alone (model chosen and intervals calibrated by its own backtest
 * on earlier origins), and each model's alone, scored on the hours after it.
 */
export function evaluateSeries(name: string, history: HourlySeries, settings: EvaluationSettings, forecaster: RollingForecaster): SeriesEvaluation {
  const started = performance.now();
  const selected = new Tally();
  const alone = new Map(settings.modelIds.map((id) => [id, new Tally()]));
  const chosen: Record<string, number> = {};
  const request = { horizonHours: settings.horizonHours, coverage: settings.coverage };
  let origins = 0;
  // Hours count from the first recorded hour, as the forecaster's history does.
  const firstRecorded = history.values.findIndex((value) => value !== null);
  for (let T = firstRecorded + settings.firstOriginHours; T + settings.horizonHours <= history.values.length && origins < settings.maxOrigins; T += settings.originStepHours) {
    const origin = hoursAfter(history.start, T);
    const actual = history.values.slice(T, T + settings.horizonHours);
    const naiveScale = forecaster.naiveScaleAt(origin);
    const forecast = forecaster.forecastAt(origin, request);
    selected.add(forecast, actual, naiveScale);
    chosen[forecast.modelId] = (chosen[forecast.modelId] ?? 0) + 1;
    for (const [modelId, tally] of alone) tally.add(forecaster.forecastWithModel(origin, modelId, request), actual, naiveScale);
    origins += 1;
  }
  return {
    series: name,
    hours: history.values.length,
    horizonHours: settings.horizonHours,
    firstOriginHours: settings.firstOriginHours,
    origins,
    selected: selected.figures('selected'),
    models: [...alone].map(([modelId, tally]) => tally.figures(modelId)),
    chosen,
    milliseconds: Math.round(performance.now() - started),
  };
}
