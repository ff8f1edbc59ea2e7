import { DomainError } from '../../../platform/commands/decider';
import { HOURS_PER_WEEK, hourOfWeek, scheduleProblem, type ScheduleProblemInput } from './schedule-rules';

// Monday 2024-01-01 08:00 UTC.
const MONDAY_8AM = new Date('2024-01-01T08:00:00Z');
const valid: ScheduleProblemInput = {
  start: MONDAY_8AM,
  required: [3, 4, 5],
  initialCapacity: 2,
  rules: { minCapacity: 1, maxCapacity: 10, unitCostPerHour: 0.5 },
};

function refusal(input: ScheduleProblemInput): Record<string, unknown> {
  try {
    scheduleProblem(input);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, ...error.details };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('schedule rules', () => {
  it('given a time, when its hour of week is read, then Monday 00:00 UTC is hour 0 and Sunday 23:00 is hour 167', () => {
    expect(hourOfWeek(new Date('2024-01-01T00:00:00Z'))).toBe(0);
    expect(hourOfWeek(MONDAY_8AM)).toBe(8);
    expect(hourOfWeek(new Date('2024-01-07T23:00:00Z'))).toBe(167);
  });

  it('given plain rules, when resolved, then each hour carries its bounds and the optional rules take their neutral defaults', () => {
    expect(scheduleProblem(valid)).toEqual({
      hours: 3,
      required: [3, 4, 5],
      minCapacity: [1, 1, 1],
      maxCapacity: [10, 10, 10],
      maxStepChange: Infinity,
      minHoldHours: 1,
      unitCostPerHour: 0.5,
      costPerAction: 0,
      costLimit: Infinity,
      initialCapacity: 2,
      initialHeldHours: 1,
    });
  });

  it('given bounds by hour of week as a list or a function, when resolved, then each hour reads the entry of its hour of week', () => {
    const weekly = Array.from({ length: HOURS_PER_WEEK }, (_, hour) => hour % 24);
    const problem = scheduleProblem({ ...valid, rules: { ...valid.rules, minCapacity: weekly, maxCapacity: (hour) => 30 + hour } });
    expect(problem.minCapacity).toEqual([8, 9, 10]);
    expect(problem.maxCapacity).toEqual([38, 39, 40]);
  });

  it('given a hold, when the initial level\'s hold is not stated, then it counts as over so the first hour may change', () => {
    expect(scheduleProblem({ ...valid, rules: { ...valid.rules, minHoldHours: 4 } }).initialHeldHours).toBe(4);
  });

  it.each([
    ['start', { ...valid, start: new Date('2024-01-01T08:30:00Z') }],
    ['required', { ...valid, required: [] }],
    ['required[1]', { ...valid, required: [1, 2.5] }],
    ['required[1]', { ...valid, required: [1, -1] }],
    ['initialCapacity', { ...valid, initialCapacity: -1 }],
    ['rules.minCapacity', { ...valid, rules: { ...valid.rules, minCapacity: [1, 2] } }],
    ['rules.maxCapacity(8)', { ...valid, rules: { ...valid.rules, maxCapacity: () => 1.5 } }],
    ['rules.maxStepChange', { ...valid, rules: { ...valid.rules, maxStepChange: 0 } }],
    ['rules.minHoldHours', { ...valid, rules: { ...valid.rules, minHoldHours: 0 } }],
    ['rules.unitCostPerHour', { ...valid, rules: { ...valid.rules, unitCostPerHour: -1 } }],
    ['rules.costPerAction', { ...valid, rules: { ...valid.rules, costPerAction: Number.NaN } }],
    ['rules.costLimit', { ...valid, rules: { ...valid.rules, costLimit: Infinity } }],
  ])('given a malformed %s, when resolved, then it is refused as BAD_USER_INPUT naming the field', (field, input) => {
    expect(refusal(input)).toEqual({ code: 'BAD_USER_INPUT', field, reason: 'INVALID_SCHEDULE_RULE' });
  });

  it('given a minimum above the maximum in some hour of the week, when resolved, then it is refused as a policy conflict', () => {
    const maxCapacity = (hour: number): number => (hour === 9 ? 0 : 10);
    expect(refusal({ ...valid, rules: { ...valid.rules, maxCapacity } })).toEqual({ code: 'BAD_USER_INPUT', field: 'rules.minCapacity', reason: 'SCALING_POLICY_CONFLICT' });
  });

  it('given a horizon too large for the exact tables, when resolved, then it is refused with advice', () => {
    const input = { ...valid, required: Array(744).fill(1), rules: { ...valid.rules, maxCapacity: 100_000 } };
    expect(refusal(input)).toMatchObject({ field: 'required' });
  });
});
