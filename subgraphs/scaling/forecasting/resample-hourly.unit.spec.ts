import { resampleHourly } from './resample-hourly';

const at = (iso: string) => new Date(iso);
const every5Minutes = (fromIso: string, values: readonly number[]) => values.map((value, i) => ({ time: new Date(at(fromIso).getTime() + i * 300_000), value }));

describe('resampleHourly', () => {
  it('sums counts per hour and averages levels per hour', () => {
    const rows = every5Minutes('2024-01-01T00:00:00Z', Array.from({ length: 24 }, (_, i) => (i < 12 ? 1 : 2)));

    expect(resampleHourly(rows, { aggregation: 'sum' })).toEqual({ start: at('2024-01-01T00:00:00Z'), values: [12, 24] });
    expect(resampleHourly(rows, { aggregation: 'mean' })).toEqual({ start: at('2024-01-01T00:00:00Z'), values: [1, 2] });
  });

  it('scales a sum to a full hour when samples are missing, and calls an hour with under half its samples a gap', () => {
    const fullHour = every5Minutes('2024-01-01T00:00:00Z', new Array(12).fill(10));
    const missingThree = every5Minutes('2024-01-01T01:00:00Z', new Array(9).fill(10));
    const fiveSamples = every5Minutes('2024-01-01T02:00:00Z', new Array(5).fill(10));

    const series = resampleHourly([...fullHour, ...missingThree, ...fiveSamples], { aggregation: 'sum' });

    expect(series.values).toEqual([120, 120, null]);
  });

  it('leaves an hour without samples as null, and counts a repeated hour (end of daylight saving) once', () => {
    const first = every5Minutes('2024-01-01T00:00:00Z', new Array(12).fill(1));
    const third = every5Minutes('2024-01-01T02:00:00Z', new Array(12).fill(1));
    const repeated = every5Minutes('2024-01-01T02:00:00Z', new Array(12).fill(3));

    const series = resampleHourly([...first, ...third, ...repeated], { aggregation: 'sum' });

    expect(series.values).toEqual([12, null, 24]);
  });

  it('starts at the hour of the first sample whatever its minute, and skips non-finite values', () => {
    const rows = [...every5Minutes('2024-01-01T00:04:00Z', new Array(12).fill(2)), { time: at('2024-01-01T00:30:00Z'), value: Number.NaN }];

    expect(resampleHourly(rows, { aggregation: 'mean' })).toEqual({ start: at('2024-01-01T00:00:00Z'), values: [2] });
  });
});
