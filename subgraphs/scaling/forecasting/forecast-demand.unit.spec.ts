import { DomainError } from '../../../platform/commands/decider';
import { forecastDemand, type ForecastDemandOptions } from './forecast-demand';
import type { HourlySeries } from './hourly-series';
import { ALL_MODELS } from './models/catalog';
import { MONDAY, businessDemand, hourly } from './test-support/synthetic-demand';

const hour = (h: number) => new Date(MONDAY.getTime() + h * 3_600_000);
const DAILY = { horizonHours: 24, includeBusinessCycles: false };
const cycleOf = (modelId: string) => ALL_MODELS.find((model) => model.id === modelId)?.cycle;

function refusal(history: HourlySeries, options: ForecastDemandOptions) {
  try {
    forecastDemand(history, options);
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, details: error.details, message: error.message };
  }
}

describe('forecastDemand', () => {
  describe('short history', () => {
    it('refuses under 24 recorded hours with INSUFFICIENT_HISTORY, saying how many more hours it needs', () => {
      const tenHours = hourly([null, null, ...businessDemand({ hours: 10 })]);

      const refused = refusal(tenHours, DAILY);

      expect(refused).toMatchObject({ code: 'INSUFFICIENT_HISTORY', details: { neededHours: 24, historyHours: 10, moreHoursNeeded: 14 } });
      expect(refused!.message).toMatch(/Record 14 more hour/);
      expect(refusal(hourly([null, null]), DAILY)).toMatchObject({ code: 'INSUFFICIENT_HISTORY', details: { historyHours: 0, moreHoursNeeded: 24 } });
    });

    it('forecasts from exactly 24 hours with yesterday’s hours, and says it could neither backtest nor calibrate', () => {
      const day = businessDemand({ hours: 24 });

      const forecast = forecastDemand(hourly(day), DAILY);

      expect(forecast.modelId).toBe('seasonal-naive-24h');
      expect(forecast.points.map((point) => point.expected)).toEqual(day);
      expect(forecast.accuracy).toEqual({ wape: null, mase: null, coverage: null });
      expect(forecast.warnings.map((warning) => warning.code)).toEqual(['NO_BACKTEST', 'INTERVALS_UNCALIBRATED']);
    });

    it('below two weeks considers daily-cycle models only, and says how many hours weekly ones need', () => {
      const tenDays = businessDemand({ hours: 240 });

      const forecast = forecastDemand(hourly(tenDays), { horizonHours: 24, includeBusinessCycles: true });

      expect(forecast.backtest.models.length).toBeGreaterThan(3);
      for (const { modelId } of forecast.backtest.models.filter((m) => !m.modelId.startsWith('ensemble'))) expect(cycleOf(modelId)).not.toBe('weekly');
      expect(forecast.warnings).toContainEqual({ code: 'SHORT_HISTORY_DAILY_CYCLES_ONLY', message: expect.stringContaining('96 more') });
    });
  });

  it('answers hourly points from the hour after the history, intervals around the forecast, floored at zero', () => {
    const history = businessDemand({ hours: 400, weekendShare: 1 });

    const forecast = forecastDemand(hourly(history), { ...DAILY, horizonHours: 30 });

    expect(forecast.points.map((point) => point.time)).toEqual(Array.from({ length: 30 }, (_, i) => hour(400 + i)));
    for (const point of forecast.points) {
      expect(point.lower).toBeLessThanOrEqual(point.expected);
      expect(point.upper).toBeGreaterThanOrEqual(point.expected);
      expect(point.lower).toBeGreaterThanOrEqual(0);
    }
    expect(forecast.historyHours).toBe(400);
    expect(forecast.accuracy.wape).toBeLessThan(0.1);
    expect(forecast.accuracy.coverage).toEqual(expect.any(Number));
    expect(forecast.backtest).toMatchObject({ horizonHours: 30, originStepHours: 6 });
  });

  it('starts at the hour of `now`: the hours since the history ended are missing, recorded hours from then on are ignored', () => {
    const history = hourly(businessDemand({ hours: 200 }));

    const later = forecastDemand(history, { ...DAILY, now: new Date(hour(203).getTime() + 30 * 60_000) });
    const earlier = forecastDemand(history, { ...DAILY, now: hour(190) });

    expect([later.points[0].time, later.historyHours]).toEqual([hour(203), 203]);
    expect(later.warnings.map((warning) => warning.code)).toContain('MISSING_HOURS_FILLED');
    expect([earlier.points[0].time, earlier.historyHours]).toEqual([hour(190), 190]);
    expect(earlier.warnings).toContainEqual({ code: 'HISTORY_AFTER_NOW_IGNORED', message: expect.stringContaining('10 recorded hour') });
  });

  it('refuses a horizon, coverage or start it cannot honour, naming the field', () => {
    const history = hourly(businessDemand({ hours: 48 }));

    expect(refusal(history, { ...DAILY, horizonHours: 0 })).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'horizonHours' } });
    expect(refusal(history, { ...DAILY, horizonHours: 337 })).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'horizonHours' } });
    expect(refusal(history, { ...DAILY, coverage: 1 })).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'coverage' } });
    expect(refusal({ ...history, start: new Date(MONDAY.getTime() + 60_000) }, DAILY)).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'history.start' } });
    expect(refusal(hourly([...businessDemand({ hours: 30 }), Number.NaN]), DAILY)).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'history.values[30]' } });
  });
});
