import { DomainError } from '../../../platform/commands/decider';
import { optimizeSchedule, type ScheduleRequest } from './optimize-schedule';

// Monday 2024-01-01 06:00 UTC: hours of week 6, 7, 8, …
const START = new Date('2024-01-01T06:00:00Z');
const request: ScheduleRequest = {
  start: START,
  required: [2, 2, 6, 6, 3, 0],
  initialCapacity: 2,
  rules: { minCapacity: 1, maxCapacity: 8, unitCostPerHour: 1 },
  bufferMinutes: 10,
};

describe('optimizeSchedule', () => {
  it('given a requirement within the rules, when optimised exactly, then every hour is covered and each change is an action scheduled the buffer before its hour', () => {
    const schedule = optimizeSchedule(request);
    expect(schedule).toMatchObject({
      capacities: [2, 2, 6, 6, 3, 1],
      cost: 20,
      coverage: 1,
      shortfalls: [],
      totalShortfall: 0,
      fullyCovered: true,
      costLimitBinding: false,
      algorithm: 'exact',
      optimality: { kind: 'EXACT' },
    });
    expect(schedule.actions).toEqual([
      { hourIndex: 2, time: new Date('2024-01-01T08:00:00Z'), scheduledTime: new Date('2024-01-01T07:50:00Z'), fromCapacity: 2, targetCapacity: 6 },
      { hourIndex: 4, time: new Date('2024-01-01T10:00:00Z'), scheduledTime: new Date('2024-01-01T09:50:00Z'), fromCapacity: 6, targetCapacity: 3 },
      { hourIndex: 5, time: new Date('2024-01-01T11:00:00Z'), scheduledTime: new Date('2024-01-01T10:50:00Z'), fromCapacity: 3, targetCapacity: 1 },
    ]);
  });

  it('given a cost limit that makes the target impossible, when optimised, then the hours that fall short are listed with how much, and the limit is said to bind', () => {
    const schedule = optimizeSchedule({ ...request, rules: { ...request.rules, costLimit: 16 } });
    expect(schedule.cost).toBeLessThanOrEqual(16);
    expect(schedule.totalShortfall).toBe(4);
    expect(schedule.shortfalls.reduce((sum, hour) => sum + hour.short, 0)).toBe(4);
    expect(schedule.shortfalls.every((hour) => hour.capacity === schedule.capacities[hour.hourIndex] && hour.short === hour.required - hour.capacity)).toBe(true);
    expect(schedule.coverage).toBeCloseTo(1 - schedule.shortfalls.length / 6, 12);
    expect(schedule).toMatchObject({ fullyCovered: false, costLimitBinding: true });
  });

  it('given a maximum below the requirement in the hours of week 8 and 9, when optimised, then those hours fall short by the capacity rules, not the cost limit', () => {
    const maxCapacity = (hour: number): number => (hour === 8 || hour === 9 ? 5 : 8);
    const schedule = optimizeSchedule({ ...request, rules: { ...request.rules, maxCapacity } });
    expect(schedule.shortfalls).toEqual([
      { hourIndex: 2, time: new Date('2024-01-01T08:00:00Z'), required: 6, capacity: 5, short: 1 },
      { hourIndex: 3, time: new Date('2024-01-01T09:00:00Z'), required: 6, capacity: 5, short: 1 },
    ]);
    expect(schedule).toMatchObject({ fullyCovered: false, costLimitBinding: false });
  });

  it('given the genetic algorithm, when optimised, then the schedule keeps the rules and says it is heuristic', () => {
    const schedule = optimizeSchedule({ ...request, algorithm: 'genetic', seed: 3, rules: { ...request.rules, maxStepChange: 2, costPerAction: 1 } });
    expect(schedule).toMatchObject({ algorithm: 'genetic', optimality: { kind: 'HEURISTIC' }, fullyCovered: true });
  });

  it('given an unknown algorithm or buffer, when optimised, then it is refused naming the field', () => {
    const bad = { ...request, algorithm: 'annealing' } as unknown as ScheduleRequest;
    expect(() => optimizeSchedule(bad)).toThrow(expect.objectContaining({ details: { field: 'algorithm', reason: 'INVALID_SCHEDULE_RULE' } }));
    expect(() => optimizeSchedule({ ...request, bufferMinutes: -5 })).toThrow(DomainError);
  });

  it('given a 48-hour day-night requirement over 200 levels with a six-hour hold, when optimised exactly, then it is solved well within 100 ms', () => {
    const required = Array.from({ length: 48 }, (_, t) => Math.round(100 + 80 * Math.sin((2 * Math.PI * t) / 24)));
    const timed = (): number => {
      const began = performance.now();
      optimizeSchedule({ start: START, required, initialCapacity: 100, rules: { minCapacity: 0, maxCapacity: 199, unitCostPerHour: 1, costPerAction: 5, minHoldHours: 6 } });
      return performance.now() - began;
    };
    const times = [timed(), timed(), timed()].sort((a, b) => a - b);
    expect(times[1]).toBeLessThan(100);
  });
});
