import type { ScalingPolicyDefinition, ScalingPolicyEvent } from '../../../schema/events';
import { deciderSpec } from '../../../test/support/decider-spec';
import { defaultScalingRules } from '../policies/policy-input';
import { scalingPolicyDecider, type ScalingPolicyCommand } from './scaling-policy-decider';

const spec = deciderSpec(scalingPolicyDecider);
const at = '2026-12-03T12:00:00.000Z';
const policy = (policyId: string, changes: Partial<ScalingPolicyDefinition> = {}): ScalingPolicyDefinition => ({
  policyId,
  tenantId: 't1',
  resourceType: 'COMPUTE',
  scalingRules: defaultScalingRules('COMPUTE'),
  costLimits: { maxScheduleCost: null },
  performanceTargets: { coverage: 0.99 },
  autoApproval: false,
  isActive: true,
  ...changes,
});
const create = (definition: ScalingPolicyDefinition): ScalingPolicyCommand => ({ type: 'CreateScalingPolicy', definition, by: 'ada', at });
const created = (definition: ScalingPolicyDefinition): ScalingPolicyEvent => ({ type: 'ScalingPolicyCreated', data: { ...definition, createdBy: 'ada', createdAt: at } });
const update = (policyId: string, changes: Partial<ScalingPolicyDefinition>, tenantId = 't1'): ScalingPolicyCommand => ({ type: 'UpdateScalingPolicy', policyId, tenantId, resourceType: 'COMPUTE', changes, by: 'bob', at });

describe('scaling policy decider', () => {
  it('given no policy, when one is created, then it is recorded; the same id twice is a CONFLICT', () => {
    spec.given([]).when(create(policy('p1'))).then([created(policy('p1'))]);
    spec.given([created(policy('p1'))]).when(create(policy('p1'))).thenRejects('CONFLICT');
  });

  it('given an active policy, when a second active one is created, then SCALING_POLICY_CONFLICT names the active one; an inactive second is fine', () => {
    spec.given([created(policy('p1'))]).when(create(policy('p2'))).thenRejects('SCALING_POLICY_CONFLICT', /p1 is already active for COMPUTE/);
    spec.given([created(policy('p1'))]).when(create(policy('p2', { isActive: false }))).then([created(policy('p2', { isActive: false }))]);
  });

  it('given two policies, when the inactive one is switched on after the other is switched off, then it is; while the other is on, it is refused', () => {
    const history = [created(policy('p1')), created(policy('p2', { isActive: false }))];
    spec.given(history).when(update('p2', { isActive: true })).thenRejects('SCALING_POLICY_CONFLICT');
    const off: ScalingPolicyEvent = { type: 'ScalingPolicyUpdated', data: { ...policy('p1', { isActive: false }), updatedBy: 'bob', updatedAt: at } };
    spec.given([...history, off]).when(update('p2', { isActive: true })).then([{ type: 'ScalingPolicyUpdated', data: { ...policy('p2'), updatedBy: 'bob', updatedAt: at } }]);
  });

  it('given bounds that cannot hold, when defined, then SCALING_POLICY_CONFLICT says where', () => {
    const inverted = policy('p1', { scalingRules: { ...defaultScalingRules('COMPUTE'), minCapacity: 5, maxCapacity: 3 } });
    spec.given([]).when(create(inverted)).thenRejects('SCALING_POLICY_CONFLICT', /minCapacity 5 is above maxCapacity 3 at MONDAY 00:00 UTC/);
    const window = { daysOfWeek: ['FRIDAY' as const], fromHour: 9, toHour: 17, minCapacity: 8, maxCapacity: 6 };
    const badWindow = policy('p1', { scalingRules: { ...defaultScalingRules('COMPUTE'), capacityWindows: [window] } });
    spec.given([]).when(create(badWindow)).thenRejects('SCALING_POLICY_CONFLICT', /at FRIDAY 09:00 UTC/);
  });

  it('given a resource other than COMPUTE, when it would be scaled, then BAD_USER_INPUT: it has no executor', () => {
    const memory = policy('p1', { resourceType: 'MEMORY', scalingRules: { ...defaultScalingRules('MEMORY'), mode: 'FORECAST_AND_SCALE' } });
    spec.given([]).when(create(memory)).thenRejects('BAD_USER_INPUT', /MEMORY has no executor/);
  });

  it("given another tenant's policy id, when updated, then NOT_FOUND", () => {
    spec.given([created(policy('p1'))]).when(update('p1', { autoApproval: true }, 't2')).thenRejects('NOT_FOUND');
  });
});
