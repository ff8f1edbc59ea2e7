import { parseUsageCsv } from './usage-csv';

const options = { timestampColumn: 'timestamp', valueColumn: 'value', aggregate: 'sum' as const };

describe('parseUsageCsv', () => {
  it('given rows every 30 minutes, when summed, then each hour holds the sum of its rows, oldest first', () => {
    const csv = 'timestamp,value\n2014-07-01 01:00:00,5\n2014-07-01 00:30:00,20\n2014-07-01 00:00:00,10\n';
    expect(parseUsageCsv(csv, options)).toEqual({
      points: [
        { time: '2014-07-01T00:00:00.000Z', value: 30 },
        { time: '2014-07-01T01:00:00.000Z', value: 5 },
      ],
      rows: 3,
      badRows: [],
      shiftedHours: 0,
    });
  });

  it('given utilisation, when averaged, then each hour holds the mean of its rows', () => {
    const csv = 'timestamp,cpu\n2014-02-14T14:05:00Z,40\n2014-02-14T14:35:00Z,60\n';
    expect(parseUsageCsv(csv, { ...options, valueColumn: 'cpu', aggregate: 'mean' }).points).toEqual([{ time: '2014-02-14T14:00:00.000Z', value: 50 }]);
  });

  it('given offsets in seconds, when a start is given, then they count from it; without one they are bad rows', () => {
    const csv = 'timestamp,cpu_usage\n0,1\n300,3\n3600,7\n';
    expect(parseUsageCsv(csv, { ...options, valueColumn: 'cpu_usage', start: new Date('2026-01-05T00:00:00Z') }).points).toEqual([
      { time: '2026-01-05T00:00:00.000Z', value: 4 },
      { time: '2026-01-05T01:00:00.000Z', value: 7 },
    ]);
    expect(parseUsageCsv(csv, { ...options, valueColumn: 'cpu_usage' }).badRows[0]).toEqual({ line: 2, reason: 'timestamp "0" is an offset: give --start for the instant it counts from' });
  });

  it('given shiftToNow, when read, then the last hour is the hour before now and the spacing is kept', () => {
    const csv = 'timestamp,value\n2014-07-01 00:10:00,1\n2014-07-01 05:10:00,2\n';
    const parsed = parseUsageCsv(csv, { ...options, shiftToNow: true, now: new Date('2026-12-03T14:42:00Z') });
    expect(parsed.points.map((point) => point.time)).toEqual(['2026-12-03T08:00:00.000Z', '2026-12-03T13:00:00.000Z']);
  });

  it('given bad rows, when read, then each is reported by its line in the file, blank lines counted', () => {
    const csv = 'timestamp,value\n2014-07-01 00:00:00,1\n\nyesterday,2\n2014-07-01 02:00:00,-3\n2014-07-01 03:00:00,\n';
    expect(parseUsageCsv(csv, options).badRows).toEqual([
      { line: 4, reason: 'timestamp "yesterday" is not a date-time' },
      { line: 5, reason: 'value "-3" is not a number ≥ 0' },
      { line: 6, reason: 'value "" is not a number ≥ 0' },
    ]);
  });

  it('given a header without the named columns, when read, then line 1 says which columns there are', () => {
    expect(parseUsageCsv('time,count\n1,2\n', options).badRows).toEqual([{ line: 1, reason: 'no column "timestamp" or "value" in the header (columns: time, count)' }]);
  });

  it('given an unclosed quote, when read, then it is a bad row at its line', () => {
    const parsed = parseUsageCsv('timestamp,value\n2014-07-01 00:00:00,1\n"2014-07-01 01:00:00,2\n', options);
    expect(parsed.points).toEqual([]);
    expect(parsed.badRows).toHaveLength(1);
    expect(parsed.badRows[0].line).toBeGreaterThanOrEqual(3);
  });
});
