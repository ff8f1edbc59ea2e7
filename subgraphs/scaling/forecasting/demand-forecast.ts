import type { CalendarExceptionKind, LearnedFactor } from './calendar';
import type { ModelFamily, ParameterValue } from './models/forecast-model';

export interface ForecastPoint {
  /** The start of the hour. */
  readonly time: Date;
  readonly expected: number;
  /** The prediction interval at the coverage asked for (split-conformal on backtest errors). */
  readonly lower: number;
  readonly upper: number;
}

/** What rebuilds one model's forecast: its id and settings, what it estimated, and the hours it trained on. */
export interface SingleModelParameters {
  readonly modelId: string;
  readonly family: ModelFamily;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly fitted: Readonly<Record<string, ParameterValue>>;
  readonly trainingFrom: Date;
  readonly trainingHours: number;
}

export interface EnsembleParameters {
  readonly modelId: string;
  readonly family: 'ensemble';
  readonly combination: 'mean';
  readonly members: readonly SingleModelParameters[];
}

export type ModelParameters = SingleModelParameters | EnsembleParameters;

/** Backtest figures; null when there was nothing to compute them on. Coverage is of the chosen model only. */
export interface Accuracy {
  /** Σ|error| ÷ Σ|actual| (0.05: 5 % of demand missed). */
  readonly wape: number | null;
  readonly mase: number | null;
  /**
   * Share of the last week of backtest hours inside the intervals the method would have given then
   * (each calibrated on earlier hours only, at the adaptive level of its moment).
   */
  readonly coverage: number | null;
}

export interface ModelBacktest {
  readonly modelId: string;
  readonly wape: number | null;
  readonly mase: number | null;
  /** The hours scored. */
  readonly points: number;
}

export interface ForecastWarning {
  readonly code:
    | 'SHORT_HISTORY_DAILY_CYCLES_ONLY'
    | 'NO_BACKTEST'
    | 'INTERVALS_UNCALIBRATED'
    | 'MISSING_HOURS_FILLED'
    | 'CALENDAR_FACTOR_ASSUMED'
    | 'HISTORY_AFTER_NOW_IGNORED';
  readonly message: string;
}

export interface DemandForecast {
  readonly modelId: string;
  readonly modelParameters: ModelParameters;
  readonly points: readonly ForecastPoint[];
  readonly accuracy: Accuracy;
  readonly backtest: {
    readonly horizonHours: number;
    readonly originStepHours: number;
    /** The origins the candidates were compared on (their count), the first and last of them. */
    readonly origins: number;
    readonly firstOrigin: Date | null;
    readonly lastOrigin: Date | null;
    readonly models: readonly ModelBacktest[];
  };
  /** Hours from the first recorded hour to the forecast's first hour. */
  readonly historyHours: number;
  /** The calendar factors learned from the history (used for exceptions that give none). */
  readonly calendarFactors: Readonly<Record<CalendarExceptionKind, LearnedFactor>>;
  readonly warnings: readonly ForecastWarning[];
}
