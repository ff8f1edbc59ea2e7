import { businessDemand } from '../test-support/synthetic-demand';
import { holtWinters } from './holt-winters';

const wape = (actual: readonly number[], forecast: readonly number[]) => actual.reduce((sum, a, i) => sum + Math.abs(a - forecast[i]), 0) / actual.reduce((sum, a) => sum + a, 0);

describe('Holt-Winters', () => {
  const demand = businessDemand({ hours: 5 * 168, noise: 0.02, seed: 7 });
  const training = demand.slice(0, 4 * 168);
  const actual = demand.slice(4 * 168, 4 * 168 + 48);

  it('with the weekly cycle, forecasts a weekday/weekend business curve within a few percent', () => {
    const { forecast, fitted } = holtWinters({ weekly: true, trainingHours: 672 }).fit(training, 48);

    expect(wape(actual, forecast)).toBeLessThan(0.04);
    for (const name of ['alpha', 'delta', 'omega', 'phi']) expect(fitted[name]).toEqual(expect.any(Number));
  });

  it('with the daily cycle only, follows a level shift within a day', () => {
    const shifted = [...Array.from({ length: 120 }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 24)), ...Array.from({ length: 48 }, (_, t) => 200 + 20 * Math.sin((2 * Math.PI * (t + 120)) / 24))];

    const { forecast } = holtWinters({ weekly: false, trainingHours: 336 }).fit(shifted, 24);

    const expected = Array.from({ length: 24 }, (_, t) => 200 + 20 * Math.sin((2 * Math.PI * (t + 168)) / 24));
    expect(wape(expected, forecast)).toBeLessThan(0.05);
  });

  it('rebuilds the same forecast from the same training hours', () => {
    const model = holtWinters({ weekly: true, trainingHours: 672 });

    expect(model.fit(training, 24)).toEqual(model.fit(training, 24));
  });
});
