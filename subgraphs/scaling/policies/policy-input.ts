import { badUserInput } from '../../../platform/errors';
import { DAYS_OF_WEEK, type CapacityWindow, type ResourceTypeName, type ScalingPolicyDefinition, type ScalingRules } from '../../../schema/events';

/** What a client may give of the rules; anything left out keeps its current value, or its default on creation. */
export type ScalingRulesGiven = { readonly [K in keyof ScalingRules]?: ScalingRules[K] | null };

export interface PolicyGiven {
  readonly scalingRules?: ScalingRulesGiven | null;
  readonly maxScheduleCost?: number | null;
  readonly coverage?: number | null;
  readonly autoApproval?: boolean | null;
  readonly isActive?: boolean | null;
}

const MAX_CAPACITY = 1000;
const MAX_WINDOWS = 50;

/** A new policy's rules when nothing is said: plan only, 1 to 4 units, cover the 95th percentile, hold an hour. */
export function defaultScalingRules(resourceType: ResourceTypeName): ScalingRules {
  return {
    mode: 'FORECAST_ONLY',
    minCapacity: 1,
    maxCapacity: 4,
    capacityWindows: [],
    maxStepChange: null,
    schedulingBufferMinutes: 10,
    demandQuantile: 0.95,
    // A COMPUTE unit is one solver thread busy for the hour; other resources are metered in the tenant's own unit.
    unitSize: resourceType === 'COMPUTE' ? 3600 : 1,
    unitCostPerHour: 1,
    costPerAction: 0,
    minHoldHours: 1,
  };
}

/** The policy `given` makes of `current` (defaults for a new one), each value checked: BAD_USER_INPUT names the field. */
export function policyFrom(current: Omit<ScalingPolicyDefinition, 'policyId' | 'tenantId' | 'resourceType'>, given: PolicyGiven, field = 'input'): Omit<ScalingPolicyDefinition, 'policyId' | 'tenantId' | 'resourceType'> {
  const rules = given.scalingRules ?? {};
  const at = (name: string) => `${field}.scalingRules.${name}`;
  const pick = <K extends keyof ScalingRules>(key: K): ScalingRules[K] => (rules[key] ?? current.scalingRules[key]) as ScalingRules[K];
  const scalingRules: ScalingRules = {
    mode: pick('mode'),
    minCapacity: wholeNumber(pick('minCapacity'), at('minCapacity'), 0, MAX_CAPACITY),
    maxCapacity: wholeNumber(pick('maxCapacity'), at('maxCapacity'), 1, MAX_CAPACITY),
    capacityWindows: windows(pick('capacityWindows'), at('capacityWindows')),
    // null is a value here ("no limit"), so only a key left out keeps the current one.
    maxStepChange: rules.maxStepChange === undefined ? current.scalingRules.maxStepChange : rules.maxStepChange === null ? null : wholeNumber(rules.maxStepChange, at('maxStepChange'), 1, MAX_CAPACITY),
    schedulingBufferMinutes: wholeNumber(pick('schedulingBufferMinutes'), at('schedulingBufferMinutes'), 0, 24 * 60),
    demandQuantile: within(pick('demandQuantile'), at('demandQuantile'), 0.5, 0.999, 'from 0.5 (the expected demand) to 0.999'),
    unitSize: positive(pick('unitSize'), at('unitSize')),
    unitCostPerHour: atLeastZero(pick('unitCostPerHour'), at('unitCostPerHour')),
    costPerAction: atLeastZero(pick('costPerAction'), at('costPerAction')),
    minHoldHours: wholeNumber(pick('minHoldHours'), at('minHoldHours'), 1, 168),
  };
  const maxScheduleCost = given.maxScheduleCost === undefined ? current.costLimits.maxScheduleCost : given.maxScheduleCost === null ? null : positive(given.maxScheduleCost, `${field}.costLimits.maxScheduleCost`);
  const coverage = given.coverage == null ? current.performanceTargets.coverage : within(given.coverage, `${field}.performanceTargets.coverage`, Number.MIN_VALUE, 1, 'in (0, 1]');
  return {
    scalingRules,
    costLimits: { maxScheduleCost },
    performanceTargets: { coverage },
    autoApproval: given.autoApproval ?? current.autoApproval,
    isActive: given.isActive ?? current.isActive,
  };
}

function windows(given: readonly CapacityWindow[], field: string): CapacityWindow[] {
  if (given.length > MAX_WINDOWS) throw badUserInput(`At most ${MAX_WINDOWS} capacity windows.`, field);
  return given.map((window, index) => {
    const at = `${field}[${index}]`;
    if (window.daysOfWeek.length === 0 || new Set(window.daysOfWeek).size !== window.daysOfWeek.length || window.daysOfWeek.some((day) => !DAYS_OF_WEEK.includes(day))) {
      throw badUserInput(`${at}.daysOfWeek lists distinct days (${DAYS_OF_WEEK.join(', ')}).`, `${at}.daysOfWeek`);
    }
    const fromHour = wholeNumber(window.fromHour, `${at}.fromHour`, 0, 23);
    const toHour = wholeNumber(window.toHour, `${at}.toHour`, fromHour + 1, 24);
    return {
      daysOfWeek: [...window.daysOfWeek],
      fromHour,
      toHour,
      minCapacity: wholeNumber(window.minCapacity, `${at}.minCapacity`, 0, MAX_CAPACITY),
      maxCapacity: wholeNumber(window.maxCapacity, `${at}.maxCapacity`, 1, MAX_CAPACITY),
    };
  });
}

function wholeNumber(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badUserInput(`${field} is a whole number from ${min} to ${max}, got ${value}.`, field);
  return value;
}

function within(value: number, field: string, min: number, max: number, range: string): number {
  if (!Number.isFinite(value) || value < min || value > max) throw badUserInput(`${field} is a number ${range}, got ${value}.`, field);
  return value;
}

function positive(value: number, field: string): number {
  if (!Number.isFinite(value) || value <= 0) throw badUserInput(`${field} is a number > 0, got ${value}.`, field);
  return value;
}

function atLeastZero(value: number, field: string): number {
  if (!Number.isFinite(value) || value < 0) throw badUserInput(`${field} is a number ≥ 0, got ${value}.`, field);
  return value;
}
