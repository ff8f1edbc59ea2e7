export type ModelFamily = 'seasonal-naive' | 'same-hour-mean' | 'holt-winters' | 'mstl' | 'ets';

/** The longest cycle a model uses: weekly models need two weeks of history (issue 11). */
export type ModelCycle = 'none' | 'daily' | 'weekly';

export type ParameterValue = number | string | boolean | readonly number[];

/** What one fit produced: the point forecast, and the values it estimated (to store and rebuild it). */
export interface ModelFit {
  readonly forecast: readonly number[];
  readonly fitted: Readonly<Record<string, ParameterValue>>;
}

/**
 * One forecasting model with its settings fixed. `fit` sees only the training hours (the most
 * recent `trainingHours` before the origin, gaps already filled) and returns `horizon` hourly
 * points after them; the same training gives the same forecast, so a stored model id, parameters
 * and training window rebuild it.
 */
export interface ForecastModel {
  readonly id: string;
  readonly family: ModelFamily;
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly cycle: ModelCycle;
  /** The fewest training hours it can fit on. */
  readonly minimumHours: number;
  /** The most recent hours it trains on; older ones are ignored. */
  readonly trainingHours: number;
  fit(training: readonly number[], horizon: number): ModelFit;
}
