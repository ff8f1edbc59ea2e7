import type { ForecastModel, ModelFit } from './models/forecast-model';
import type { PreparedSeries } from './prepared-series';

/**
 * Every forecast a model made from an origin (an hour index of the prepared series), fitted on
 * the hours before it only, made once and remembered: a forecast's own backtest and the bench's
 * walk over many origins ask for the same (model, origin) pairs again and again. A model that
 * cannot fit there (too little history, or a fit that fails or diverges) has no forecast (null).
 */
export class ForecastLedger {
  private readonly fits = new Map<string, ModelFit | null>();

  constructor(
    readonly series: PreparedSeries,
    /** Forecasts are made this long; shorter horizons read their first hours (no model here looks at the horizon to fit). */
    readonly horizonHours: number,
  ) {}

  fit(model: ForecastModel, origin: number): ModelFit | null {
    const key = `${model.id}@${origin}`;
    if (!this.fits.has(key)) this.fits.set(key, this.fitAt(model, origin));
    return this.fits.get(key)!;
  }

  forecast(model: ForecastModel, origin: number): readonly number[] | null {
    return this.fit(model, origin)?.forecast ?? null;
  }

  private fitAt(model: ForecastModel, origin: number): ModelFit | null {
    if (origin < model.minimumHours || origin > this.series.filled.length) return null;
    const training = this.series.filled.slice(Math.max(0, origin - model.trainingHours), origin);
    try {
      const fit = model.fit(training, this.horizonHours);
      return fit.forecast.length === this.horizonHours && fit.forecast.every(Number.isFinite) ? fit : null;
    } catch {
      // A model that cannot fit this stretch (augurs refuses, say, a constant series) is simply not a candidate here.
      return null;
    }
  }
}
