import type { SingleModelParameters } from './demand-forecast';
import { forecastDemand } from './forecast-demand';
import { RollingForecaster } from './rolling-forecaster';
import { MONDAY, businessDemand, hourly } from './test-support/synthetic-demand';

const hour = (h: number) => new Date(MONDAY.getTime() + h * 3_600_000);
const REQUEST = { horizonHours: 24, coverage: 0.9 };

describe('RollingForecaster', () => {
  const T = 3 * 168;
  const demand = businessDemand({ hours: T + 48, noise: 0.03, seed: 21 });
  const fromHistory = forecastDemand(hourly(demand.slice(0, T)), { horizonHours: 24, includeBusinessCycles: true });

  it('answers from an origin of a longer history exactly what forecastDemand answers from the history cut there, whatever follows', () => {
    const followedByNonsense = [...demand.slice(0, T), ...demand.slice(T).map((value) => 10 * value)];

    const fromLongerHistory = new RollingForecaster(hourly(followedByNonsense), { includeBusinessCycles: true, calendar: [], maxHorizonHours: 48 }).forecastAt(hour(T), REQUEST);

    expect(fromLongerHistory).toEqual(fromHistory);
  });

  it('rebuilds the chosen forecast from its stored model ids', () => {
    const parameters = fromHistory.modelParameters;
    const members: readonly SingleModelParameters[] = parameters.family === 'ensemble' ? parameters.members : [parameters];
    const forecaster = new RollingForecaster(hourly(demand.slice(0, T)), { includeBusinessCycles: true, calendar: [], maxHorizonHours: 24 });

    const rebuilt = members.map((member) => forecaster.forecastWithModel(hour(T), member.modelId, REQUEST).points.map((point) => point.expected));

    fromHistory.points.forEach((point, lead) => expect(point.expected).toBeCloseTo(rebuilt.reduce((sum, member) => sum + member[lead], 0) / rebuilt.length, 6));
    for (const member of members) expect(member.trainingFrom).toEqual(hour(T - member.trainingHours));
  });

  it('gives 90% intervals that hold about 90% of outcomes, from origin after origin, on demand with 5% noise', () => {
    const month = businessDemand({ hours: 28 * 24, weekendShare: 1, noise: 0.05, seed: 22 });
    const forecaster = new RollingForecaster(hourly(month), { includeBusinessCycles: false, calendar: [], maxHorizonHours: 24 });
    let covered = 0;
    let total = 0;

    for (let origin = 14 * 24; origin + 24 <= month.length; origin += 6) {
      forecaster.forecastAt(hour(origin), REQUEST).points.forEach((point, lead) => {
        covered += month[origin + lead] >= point.lower && month[origin + lead] <= point.upper ? 1 : 0;
        total += 1;
      });
    }

    expect(covered / total).toBeGreaterThan(0.86);
    expect(covered / total).toBeLessThan(0.95);
  });
});
