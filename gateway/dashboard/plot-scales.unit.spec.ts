import { dayLabel, demandTicks, grouped, HOUR_MS, linearScale, percent, quantity, timeTicks, utcMinute } from './plot-scales';

describe('plot scales', () => {
  it.each([
    [37_000, [0, 10_000, 20_000, 30_000, 40_000]],
    [12, [0, 2.5, 5, 7.5, 10, 12.5]],
    [0.3, [0, 0.1, 0.2, 0.3]],
    [100, [0, 20, 40, 60, 80, 100]],
    [0, [0, 1]],
  ])('puts round demand ticks from 0 up to at least %p', (max, ticks) => {
    expect(demandTicks(max)).toEqual(ticks);
  });

  it('maps a domain onto a range, flipped when the range is reversed', () => {
    const y = linearScale(0, 100, 400, 0);
    expect([y(0), y(50), y(100)]).toEqual([400, 200, 0]);
  });

  it('ticks a week daily at UTC midnight, named by day', () => {
    const from = Date.parse('2026-05-05T10:00:00Z');
    const ticks = timeTicks(from, from + 8 * 24 * HOUR_MS, 10);
    expect(ticks.map((tick) => tick.label)).toEqual(['Wed 6 May', 'Thu 7 May', 'Fri 8 May', 'Sat 9 May', 'Sun 10 May', 'Mon 11 May', 'Tue 12 May', 'Wed 13 May']);
    expect(new Date(ticks[0].time).toISOString()).toBe('2026-05-06T00:00:00.000Z');
  });

  it('ticks a day every few hours, naming midnight by its day', () => {
    const from = Date.parse('2026-05-12T20:00:00Z');
    expect(timeTicks(from, from + 12 * HOUR_MS, 6).map((tick) => tick.label)).toEqual(['21:00', 'Wed 13 May', '03:00', '06:00']);
  });

  it('ticks a quarter weekly, on Mondays', () => {
    const from = Date.parse('2026-02-01T00:00:00Z');
    const ticks = timeTicks(from, from + 90 * 24 * HOUR_MS, 14);
    expect(ticks.every((tick) => new Date(tick.time).getUTCDay() === 1)).toBe(true);
    expect(ticks[0].label).toBe('Mon 2 Feb');
  });

  it('formats figures the same way everywhere', () => {
    expect([quantity(950), quantity(3_600), quantity(12_345), quantity(1_250_000), quantity(0.125), quantity(-2_500)]).toEqual(['950', '3.6k', '12.3k', '1.25M', '0.13', '-2.5k']);
    expect([grouped(3_600), grouped(1_234_567.5), grouped(12)]).toEqual(['3,600', '1,234,567.5', '12']);
    expect([percent(0.931), percent(0.9), percent(1)]).toEqual(['93.1 %', '90 %', '100 %']);
    expect(utcMinute('2026-05-12T10:03:27.000Z')).toBe('2026-05-12 10:03 UTC');
    expect(dayLabel(Date.parse('2026-05-12T00:00:00Z'))).toBe('Tue 12 May');
  });
});
