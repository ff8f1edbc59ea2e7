import { SeriesScales, type BacktestPoint } from './accuracy';
import { ForecastLedger } from './forecast-ledger';
import { mstl, nonSeasonalEts } from './models/augurs-models';
import { sameHourMean } from './models/same-hour-mean';
import { seasonalNaive } from './models/seasonal-naive';
import { MIN_COMPARED_ORIGINS, selectCandidate, trimmedError } from './model-selection';
import { prepareSeries } from './prepared-series';
import { businessDemand, hourly } from './test-support/synthetic-demand';

function selectionOn(values: readonly number[], models: Parameters<typeof selectCandidate>[2], origin: number, horizon = 24) {
  const series = prepareSeries(hourly(values), { calendar: [], weeklyCycles: true })!;
  const ledger = new ForecastLedger(series, horizon);
  return selectCandidate(ledger, new SeriesScales(series), models, origin, horizon);
}

describe('rolling-origin model selection', () => {
  it('chooses the weekly model on weekday/weekend demand, comparing every candidate on the same hours', () => {
    const demand = businessDemand({ hours: 3 * 168, noise: 0.02, weekendShare: 0.3 });

    const selection = selectionOn(demand, [seasonalNaive(24), seasonalNaive(168)], 3 * 168)!;

    expect(selection.chosen.id).toBe('seasonal-naive-168h');
    expect(new Set(selection.figures.map((figures) => figures.points)).size).toBe(1);
    expect(selection.figures.map((figures) => figures.modelId)).toEqual(['seasonal-naive-24h', 'seasonal-naive-168h', 'ensemble-mean(seasonal-naive-24h + seasonal-naive-168h)']);
  });

  it('after a spike and a level shift, chooses the model that follows the new level over one still at the old level', () => {
    // Ten days at 750, a 30× spike, then three days at 220: the NAB network series in small.
    const spikeThenShift = Array.from({ length: 13 * 24 }, (_, t) => (t < 240 ? 750 : t < 242 ? 22_000 : 220) + (t % 3));

    const selection = selectionOn(spikeThenShift, [sameHourMean({ cycleHours: 24, cycles: 7, statistic: 'median', levelHours: 0 }), nonSeasonalEts(336)], 13 * 24)!;

    expect(selection.chosen.id).toBe('ets-non-seasonal');
  });

  it('leaves out a candidate with less than a week of backtest origins while others have one, and takes it in once it has', () => {
    const demand = businessDemand({ hours: 600 });
    const models = [seasonalNaive(168), mstl({ periods: [24, 168], trainingHours: 672 })];

    const early = selectionOn(demand, models, 400)!;
    const later = selectionOn(demand, models, 336 + 6 * MIN_COMPARED_ORIGINS)!;

    expect(early.figures.map((figures) => figures.modelId)).toEqual(['seasonal-naive-168h']);
    expect(later.figures.map((figures) => figures.modelId)).toContain('mstl-24-168h');
    expect(later.comparedOrigins).toHaveLength(MIN_COMPARED_ORIGINS);
  });

  it('is null when no candidate has a backtest origin yet', () => {
    expect(selectionOn(businessDemand({ hours: 30 }), [seasonalNaive(24)], 24)).toBeNull();
  });

  it('ranks by the total error without each candidate’s worst tenth of origins', () => {
    const point = (origin: number, error: number): BacktestPoint => ({ origin, lead: 0, target: origin, actual: 100 + error, forecast: 100, naiveScale: 1, recentLevel: 100 });
    const tenOrigins = (errors: number[]) => errors.map((error, i) => point(6 * i, error));

    expect(trimmedError(tenOrigins([1, 1, 1, 1, 1, 1, 1, 1, 1, 500]))).toBe(9);
    expect(trimmedError(tenOrigins([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]))).toBe(18);
  });
});
