import { SeriesScales, mase, wape } from './accuracy';
import { exceptionHours, factorOf, learnedFactors, type CalendarException, type CalendarExceptionKind, type LearnedFactor } from './calendar';
import { replayConformal } from './adaptive-coverage';
import { ConformalCalibration } from './conformal-intervals';
import type { DemandForecast, ForecastPoint, ForecastWarning, ModelParameters, SingleModelParameters } from './demand-forecast';
import { ForecastLedger } from './forecast-ledger';
import { forecastWarnings } from './forecast-warnings';
import { HOUR_MS, hoursAfter, type HourlySeries } from './hourly-series';
import { MIN_HISTORY_HOURS, insufficientHistory } from './insufficient-history';
import { ALL_MODELS, candidateModels } from './models/catalog';
import type { ForecastModel } from './models/forecast-model';
import { ORIGIN_STEP_HOURS, backtestOrigins, backtestPoints, candidateForecast, selectCandidate, single, type ForecastCandidate, type Selection } from './model-selection';
import { missingHours, prepareSeries, type PreparedSeries } from './prepared-series';

/** `accuracy.coverage` is the coverage the replayed intervals had over the last week of backtest origins. */
const RECENT_COVERAGE_HOURS = 168;

export interface ForecasterSettings {
  readonly includeBusinessCycles: boolean;
  readonly calendar: readonly CalendarException[];
  /** The longest horizon `forecastAt` will be asked for. */
  readonly maxHorizonHours: number;
}

export interface OriginRequest {
  readonly horizonHours: number;
  readonly coverage: number;
}

/**
 * Forecasts of one history from any of its hours, as if the history ended there: the forecast
 * from an origin reads nothing at or after it (the series is filled backwards only, the ledger fits
 * on the hours before each origin, the backtest scores only hours before the origin, and the
 * conformal calibration uses those scores). forecastDemand is the one-origin case; the rolling
 * evaluation of bench:forecast asks many origins of one history and so shares the backtest fits.
 */
export class RollingForecaster {
  private readonly prepared: { series: PreparedSeries; ledger: ForecastLedger; scales: SeriesScales } | null;

  constructor(
    history: HourlySeries,
    private readonly settings: ForecasterSettings,
  ) {
    const series = prepareSeries(history, { calendar: settings.calendar, weeklyCycles: settings.includeBusinessCycles });
    this.prepared = series && { series, ledger: new ForecastLedger(series, settings.maxHorizonHours), scales: new SeriesScales(series) };
  }

  /** Hours from the first recorded hour to `origin` (0 when nothing is recorded). */
  historyHoursAt(origin: Date): number {
    if (!this.prepared) return 0;
    return Math.max(0, Math.round((origin.getTime() - this.prepared.series.start.getTime()) / HOUR_MS));
  }

  /** MASE's scale from the hours before `origin` (the mean change from the same hour a day before). */
  naiveScaleAt(origin: Date): number | null {
    return this.prepared ? this.prepared.scales.naive(this.historyHoursAt(origin)) : null;
  }

  /** The forecast from `origin` of the model the rolling-origin backtest chooses. */
  forecastAt(origin: Date, request: OriginRequest): DemandForecast {
    const T = this.originIndex(origin, request);
    const { ledger, scales } = this.prepared!;
    const models = candidateModels(T, this.settings.includeBusinessCycles);
    const selection = selectCandidate(ledger, scales, models, T, request.horizonHours);
    const chosen = selection?.chosen ?? single(models.find((model) => ledger.forecast(model, T) !== null)!);
    return this.answer(T, request, chosen, selection);
  }

  /**
   * The forecast from `origin` of one catalog model as if the backtest had chosen it, with its own
   * backtest figures and conformal intervals: to rebuild a stored forecast, or to judge a model alone.
   */
  forecastWithModel(origin: Date, modelId: string, request: OriginRequest): DemandForecast {
    const T = this.originIndex(origin, request);
    const { ledger, scales } = this.prepared!;
    const model = ALL_MODELS.find((candidate) => candidate.id === modelId);
    if (!model) throw new Error(`forecastWithModel: no model ${modelId}; the catalog has ${ALL_MODELS.map((m) => m.id).join(', ')}`);
    if (ledger.forecast(model, T) === null) throw new Error(`forecastWithModel: ${modelId} cannot forecast from ${T} hours of history`);
    const candidate = single(model);
    const points = backtestPoints(ledger, scales, candidate, backtestOrigins(T), request.horizonHours, T);
    const selection: Selection = {
      chosen: candidate,
      figures: [{ modelId, wape: wape(points), mase: mase(points), points: points.length }],
      comparedOrigins: [...new Set(points.map((point) => point.origin))],
      chosenPoints: points,
    };
    return this.answer(T, request, candidate, points.length > 0 ? selection : null);
  }

  private originIndex(origin: Date, request: OriginRequest): number {
    const historyHours = this.historyHoursAt(origin);
    if (!this.prepared || historyHours < MIN_HISTORY_HOURS) throw insufficientHistory(historyHours);
    const { series, ledger } = this.prepared;
    if (historyHours > series.filled.length) throw new Error(`forecastAt: origin ${origin.toISOString()} is after the history's end`);
    if (request.horizonHours > ledger.horizonHours) throw new Error(`forecastAt: horizon ${request.horizonHours} h exceeds the ${ledger.horizonHours} h this forecaster was built for`);
    return historyHours;
  }

  private answer(T: number, request: OriginRequest, chosen: ForecastCandidate, selection: Selection | null): DemandForecast {
    const { series } = this.prepared!;
    const chosenPoints = selection?.chosenPoints ?? [];
    const replay = replayConformal(chosenPoints, request.coverage, T, T - RECENT_COVERAGE_HOURS);
    const calibration = ConformalCalibration.fit(chosenPoints, replay.level);
    const learned = learnedFactors(series.actual, series.filled, series.exceptions, T);
    const chosenFigures = selection?.figures.find((figures) => figures.modelId === chosen.id);
    const compared = selection?.comparedOrigins ?? [];
    return {
      modelId: chosen.id,
      modelParameters: this.parametersOf(chosen, T),
      points: this.pointsAt(T, chosen, request, calibration, learned),
      accuracy: {
        wape: chosenFigures?.wape ?? null,
        mase: chosenFigures?.mase ?? null,
        coverage: replay.replayedCoverage,
      },
      backtest: {
        horizonHours: request.horizonHours,
        originStepHours: ORIGIN_STEP_HOURS,
        origins: compared.length,
        firstOrigin: compared.length > 0 ? hoursAfter(series.start, compared[0]) : null,
        lastOrigin: compared.length > 0 ? hoursAfter(series.start, compared[compared.length - 1]) : null,
        models: selection?.figures ?? [],
      },
      historyHours: T,
      calendarFactors: learned,
      warnings: this.warningsAt(T, request, selection !== null, calibration.calibrated, chosen, learned),
    };
  }

  /**
   * The chosen forecast, its conformal interval per lead, each scaled by the calendar's factor for
   * its hour (the whole predictive distribution moves with the demand), and floored at zero when
   * the history never went below it.
   */
  private pointsAt(T: number, chosen: ForecastCandidate, request: OriginRequest, calibration: ConformalCalibration, learned: Record<CalendarExceptionKind, LearnedFactor>): ForecastPoint[] {
    const { series, ledger, scales } = this.prepared!;
    const forecast = candidateForecast(ledger, chosen, T)!;
    const recentLevel = scales.recentLevel(T);
    const nonNegative = series.actual.slice(0, T).every((value) => value === null || value >= 0);
    const floor = (value: number) => (nonNegative ? Math.max(0, value) : value);
    const firstHour = hoursAfter(series.start, T);
    const marks = exceptionHours(firstHour, request.horizonHours, this.settings.calendar);
    return Array.from({ length: request.horizonHours }, (_, lead) => {
      const interval = calibration.interval(lead, forecast[lead], recentLevel);
      const mark = marks[lead];
      const factor = mark ? factorOf(mark, learned) : 1;
      return {
        time: hoursAfter(firstHour, lead),
        expected: floor(forecast[lead] * factor),
        lower: floor(interval.lower * factor),
        upper: floor(interval.upper * factor),
      };
    });
  }

  private parametersOf(chosen: ForecastCandidate, T: number): ModelParameters {
    const { series, ledger } = this.prepared!;
    const singleParameters = (model: ForecastModel): SingleModelParameters => {
      const trainingHours = Math.min(T, model.trainingHours);
      return {
        modelId: model.id,
        family: model.family,
        parameters: model.parameters,
        fitted: ledger.fit(model, T)!.fitted,
        trainingFrom: hoursAfter(series.start, T - trainingHours),
        trainingHours,
      };
    };
    if (chosen.members.length === 1) return singleParameters(chosen.members[0]);
    return { modelId: chosen.id, family: 'ensemble', combination: 'mean', members: chosen.members.map(singleParameters) };
  }

  private warningsAt(T: number, request: OriginRequest, backtested: boolean, calibrated: boolean, chosen: ForecastCandidate, learned: Record<CalendarExceptionKind, LearnedFactor>): ForecastWarning[] {
    const { series } = this.prepared!;
    const trainingHours = Math.max(...chosen.members.map((model) => Math.min(T, model.trainingHours)));
    return forecastWarnings({
      historyHours: T,
      includeBusinessCycles: this.settings.includeBusinessCycles,
      backtested,
      calibrated,
      coverage: request.coverage,
      chosenId: chosen.id,
      trainingHours,
      missingTrainingHours: missingHours(series, T, trainingHours),
      horizonExceptions: exceptionHours(hoursAfter(series.start, T), request.horizonHours, this.settings.calendar),
      learnedFactors: learned,
    });
  }
}
