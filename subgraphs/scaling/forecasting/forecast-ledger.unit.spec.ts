import { ForecastLedger } from './forecast-ledger';
import { mstl } from './models/augurs-models';
import { seasonalNaive } from './models/seasonal-naive';
import { prepareSeries } from './prepared-series';
import { hourly } from './test-support/synthetic-demand';

describe('the forecast ledger', () => {
  const series = prepareSeries(hourly(Array.from({ length: 100 }, (_, t) => t)), { calendar: [], weeklyCycles: true })!;

  it('fits a model on the hours before the origin only, and remembers the fit', () => {
    const ledger = new ForecastLedger(series, 3);
    const model = seasonalNaive(24);

    expect(ledger.forecast(model, 50)).toEqual([26, 27, 28]);
    expect(ledger.fit(model, 50)).toBe(ledger.fit(model, 50));
  });

  it('has no forecast where the model cannot fit: too little history, or the model refuses', () => {
    const ledger = new ForecastLedger(series, 3);

    expect(ledger.forecast(seasonalNaive(24), 23)).toBeNull();
    expect(ledger.forecast(mstl({ periods: [24, 168], trainingHours: 672 }), 100)).toBeNull();
  });
});
