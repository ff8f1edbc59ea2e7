import { augursAutoEts, augursMstl } from './augurs-runtime';
import type { ForecastModel } from './forecast-model';

export interface MstlSettings {
  readonly periods: readonly number[];
  readonly trainingHours: number;
}

/**
 * augurs' MSTL (Bandara et al.): STL peels off one seasonal component per period, and AutoETS
 * (picked by AICc) forecasts what is left, the trend and level. The seasonal parts carry on as
 * their last cycle. STL needs two full cycles of the longest period.
 */
export function mstl(settings: MstlSettings): ForecastModel {
  const longest = Math.max(...settings.periods);
  return {
    id: `mstl-${settings.periods.join('-')}h`,
    family: 'mstl',
    parameters: { periods: [...settings.periods], trainingHours: settings.trainingHours, trend: 'AutoETS' },
    cycle: longest >= 168 ? 'weekly' : 'daily',
    minimumHours: 2 * longest,
    trainingHours: settings.trainingHours,
    fit(training, horizon) {
      const model = augursMstl().ets([...settings.periods]);
      try {
        model.fit([...training]);
        return { forecast: Array.from(model.predict(horizon).point), fitted: {} };
      } finally {
        model.free();
      }
    },
  };
}

/**
 * augurs' AutoETS without a seasonal component (augurs' ETS has none): exponential smoothing of the
 * level (and trend, if AICc wants one). It follows a level shift within hours, which is what wins
 * on series without a stable cycle, such as a CPU that moves between plateaus.
 */
export function nonSeasonalEts(trainingHours: number): ForecastModel {
  return {
    id: 'ets-non-seasonal',
    family: 'ets',
    parameters: { spec: 'ZZN', trainingHours },
    cycle: 'none',
    minimumHours: 24,
    trainingHours,
    fit(training, horizon) {
      const model = new (augursAutoEts())(1, 'ZZN');
      try {
        model.fit([...training]);
        return { forecast: Array.from(model.predict(horizon).point), fitted: {} };
      } finally {
        model.free();
      }
    },
  };
}
