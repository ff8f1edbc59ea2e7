import { DomainError } from '../../../platform/commands/decider';
import { ForecastThreads } from './forecast-threads';

const start = new Date('2026-11-02T00:00:00.000Z');
const daily = (hours: number) => ({ start, values: Array.from({ length: hours }, (_, hour) => 100 + 40 * Math.sin((2 * Math.PI * hour) / 24)) });

describe('forecasts on worker threads', () => {
  const threads = new ForecastThreads(1);

  it('given four days of a daily cycle, when forecast on a thread, then the answer crosses back whole, its times as Dates', async () => {
    const forecast = await threads.forecast(daily(96), { horizonHours: 6, includeBusinessCycles: true });
    expect(forecast.points).toHaveLength(6);
    expect(forecast.points[0].time).toEqual(new Date('2026-11-06T00:00:00.000Z'));
    expect(forecast.points[0].expected).toBeCloseTo(100, 0);
  });

  it('given too little history, when forecast, then the refusal comes back as the DomainError it was', async () => {
    const refused = threads.forecast(daily(5), { horizonHours: 6, includeBusinessCycles: true });
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({ code: 'INSUFFICIENT_HISTORY', details: { moreHoursNeeded: 19 } });
  });

  it('given more forecasts than threads, when asked at once, then they all answer, one at a time', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => threads.forecast(daily(48), { horizonHours: 3, includeBusinessCycles: false })));
    expect(answers.map((answer) => answer.points.length)).toEqual([3, 3, 3]);
  });
});
