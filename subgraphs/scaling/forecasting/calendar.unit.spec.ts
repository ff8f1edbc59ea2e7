import { DomainError } from '../../../platform/commands/decider';
import { exceptionHours, factorOf, learnedFactors, validateCalendar, type CalendarException } from './calendar';

const start = new Date('2024-01-01T00:00:00Z');
const hour = (h: number) => new Date(start.getTime() + h * 3_600_000);

describe('the calendar of exceptions', () => {
  it('marks every hour an exception touches, a partly covered hour included, and multiplies overlapping factors', () => {
    const calendar: CalendarException[] = [
      { start: new Date(hour(2).getTime() + 30 * 60_000), end: hour(4), kind: 'PLANNED_PEAK', factor: 2 },
      { start: hour(3), end: hour(5), kind: 'HOLIDAY', factor: 0.5 },
    ];

    const marks = exceptionHours(start, 6, calendar);

    expect(marks.map((mark) => mark?.map((e) => e.kind) ?? null)).toEqual([null, null, ['PLANNED_PEAK'], ['PLANNED_PEAK', 'HOLIDAY'], ['HOLIDAY'], null]);
    const learnedNothing = { HOLIDAY: { factor: 1, fromHours: 0 }, PLANNED_PEAK: { factor: 1, fromHours: 0 } };
    expect(factorOf(marks[3]!, learnedNothing)).toBe(1);
    expect(factorOf(marks[2]!, learnedNothing)).toBe(2);
  });

  it('learns a kind’s factor as Σ actual ÷ Σ usual over its past hours, and assumes 1 with too few of them', () => {
    const exceptions = exceptionHours(start, 10, [{ start: hour(4), end: hour(8), kind: 'HOLIDAY' }]);
    const actual = [100, 100, 100, 100, 40, 40, 60, 60, 100, 100];
    const usual = [100, 100, 100, 100, 100, 100, 100, 100, 100, 100];

    const learned = learnedFactors(actual, usual, exceptions, 10);

    expect(learned.HOLIDAY).toEqual({ factor: 0.5, fromHours: 4 });
    expect(learned.PLANNED_PEAK).toEqual({ factor: 1, fromHours: 0 });
    expect(learnedFactors(actual, usual, exceptions, 6).HOLIDAY).toEqual({ factor: 1, fromHours: 0 });
  });

  it('refuses an exception that ends before it starts, or a factor that is not positive', () => {
    const refusal = (calendar: CalendarException[]) => {
      try {
        validateCalendar(calendar);
        return null;
      } catch (error) {
        return error instanceof DomainError ? { code: error.code, field: error.details.field } : error;
      }
    };

    expect(refusal([{ start: hour(2), end: hour(1), kind: 'HOLIDAY' }])).toEqual({ code: 'BAD_USER_INPUT', field: 'calendar[0]' });
    expect(refusal([{ start: hour(1), end: hour(2), kind: 'PLANNED_PEAK', factor: 0 }])).toEqual({ code: 'BAD_USER_INPUT', field: 'calendar[0].factor' });
    expect(refusal([{ start: hour(1), end: hour(2), kind: 'PLANNED_PEAK', factor: 3 }])).toBeNull();
  });
});
