import { businessDemand } from '../test-support/synthetic-demand';
import { mstl, nonSeasonalEts } from './augurs-models';

const wape = (actual: readonly number[], forecast: readonly number[]) => actual.reduce((sum, a, i) => sum + Math.abs(a - forecast[i]), 0) / actual.reduce((sum, a) => sum + a, 0);

describe('augurs (WASM) models', () => {
  it('MSTL with daily and weekly periods forecasts a business curve within a few percent', () => {
    const demand = businessDemand({ hours: 4 * 168 + 48, noise: 0.02, seed: 3 });

    const { forecast } = mstl({ periods: [24, 168], trainingHours: 672 }).fit(demand.slice(0, 4 * 168), 48);

    expect(forecast).toHaveLength(48);
    expect(wape(demand.slice(4 * 168), forecast)).toBeLessThan(0.05);
  });

  it('MSTL refuses fewer than two cycles of its longest period, which the ledger turns into "no forecast"', () => {
    const model = mstl({ periods: [24, 168], trainingHours: 672 });

    expect(model.minimumHours).toBe(336);
    expect(() => model.fit(businessDemand({ hours: 300 }), 24)).toThrow(/two periods/);
  });

  it('non-seasonal AutoETS follows a level shift to the new level', () => {
    const shifted = Array.from({ length: 200 }, (_, t) => (t < 150 ? 50 : 80) + (t % 2));

    const { forecast } = nonSeasonalEts(336).fit(shifted, 6);

    for (const value of forecast) expect(value).toBeCloseTo(80.5, 0);
  });
});
