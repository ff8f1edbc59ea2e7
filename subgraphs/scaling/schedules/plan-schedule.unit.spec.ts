import type { ResourceDemandPredicted, ScalingPolicyDefinition } from '../../../schema/events';
import { defaultScalingRules } from '../policies/policy-input';
import { planSchedule } from './plan-schedule';

const start = '2026-12-07T08:00:00.000Z'; // a Monday
const prediction = (expected: number[]): ResourceDemandPredicted['data'] => ({
  predictionId: 'f1',
  tenantId: 't1',
  resourceType: 'COMPUTE',
  horizonHours: expected.length,
  includeBusinessCycles: true,
  intervalCoverage: 0.9,
  startsAt: start,
  startNote: null,
  modelId: 'seasonal-naive-24',
  modelParameters: {},
  points: expected.map((value, hour) => ({ time: new Date(Date.parse(start) + hour * 3_600_000).toISOString(), expected: value, lower: value * 0.8, upper: value * 1.2 })),
  accuracy: { wape: 0.1, mase: 0.8, coverage: 0.9 },
  backtest: {},
  historyHours: 400,
  warnings: [],
  trigger: 'REQUEST',
  requestedBy: 'ada',
  generatedAt: start,
});
const policy = (rules: Partial<ScalingPolicyDefinition['scalingRules']> = {}, maxScheduleCost: number | null = null): ScalingPolicyDefinition => ({
  policyId: 'p1',
  tenantId: 't1',
  resourceType: 'COMPUTE',
  scalingRules: { ...defaultScalingRules('COMPUTE'), unitSize: 10, demandQuantile: 0.5, minCapacity: 1, maxCapacity: 5, ...rules },
  costLimits: { maxScheduleCost },
  performanceTargets: { coverage: 0.99 },
  autoApproval: false,
  isActive: true,
});

describe('planSchedule', () => {
  it('given a forecast, then each hour gets at least its demand in whole units, at least cost, each action its buffer ahead', () => {
    const schedule = planSchedule({ scheduleId: 's1', policy: policy({ schedulingBufferMinutes: 15 }), prediction: prediction([5, 25, 41, 12, 5, 5]), initialCapacity: 1, algorithm: 'exact' });
    expect(schedule.required).toEqual([1, 3, 5, 2, 1, 1]);
    expect(schedule.capacities).toEqual([1, 3, 5, 2, 1, 1]);
    expect(schedule.coverage).toBe(1);
    expect(schedule.shortfalls).toEqual([]);
    expect(schedule.cost).toBe(13);
    expect(schedule.actions[0]).toEqual({ actionId: 's1:1', resourceType: 'COMPUTE', time: '2026-12-07T09:00:00.000Z', scheduledTime: '2026-12-07T08:45:00.000Z', fromCapacity: 1, targetCapacity: 3 });
    expect(schedule.requiresApproval).toBe(true);
  });

  it('given the 0.95 quantile, then the hours are planned for the upper bound of the 90 % interval', () => {
    const schedule = planSchedule({ scheduleId: 's1', policy: policy({ demandQuantile: 0.95 }), prediction: prediction([25]), initialCapacity: 1, algorithm: 'exact' });
    expect(schedule.required).toEqual([3]);
  });

  it('given a cost limit too low for the demand, then the hours that fall short are listed with how much', () => {
    const schedule = planSchedule({ scheduleId: 's1', policy: policy({}, 6), prediction: prediction([5, 25, 41, 12, 5, 5]), initialCapacity: 1, algorithm: 'exact' });
    expect(schedule.cost).toBeLessThanOrEqual(6);
    expect(schedule.costLimitBinding).toBe(true);
    expect(schedule.shortfalls.length).toBeGreaterThan(0);
    expect(schedule.shortfalls.reduce((sum, hour) => sum + hour.short, 0)).toBe(schedule.required.reduce((sum, units) => sum + units, 0) - 6);
  });
});
