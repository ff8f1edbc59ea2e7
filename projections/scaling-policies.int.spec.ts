import { scalingPolicyStreamId, type ScalingPolicyCreated, type ScalingPolicyDefinition, type ScalingPolicyEvent } from '../schema/events';
import { SCALING_POLICIES_COLLECTION } from '../schema/read-models/scaling';
import { describeProjection, stream } from '../test/support/projection-spec';
import { scalingPoliciesProjection } from './scaling-policies';

const policy: ScalingPolicyDefinition = {
  policyId: 'p1',
  tenantId: 'acme',
  resourceType: 'COMPUTE',
  scalingRules: {
    mode: 'FORECAST_ONLY',
    minCapacity: 1,
    maxCapacity: 4,
    capacityWindows: [],
    maxStepChange: null,
    schedulingBufferMinutes: 10,
    demandQuantile: 0.95,
    unitSize: 3600,
    unitCostPerHour: 1,
    costPerAction: 0,
    minHoldHours: 1,
  },
  costLimits: { maxScheduleCost: null },
  performanceTargets: { coverage: 0.99 },
  autoApproval: false,
  isActive: true,
};
const created: ScalingPolicyCreated = { type: 'ScalingPolicyCreated', data: { ...policy, createdBy: 'ada', createdAt: '2026-12-03T10:00:00.000Z' } };

describeProjection(scalingPoliciesProjection, (spec) => {
  const policies = stream<ScalingPolicyEvent>(scalingPolicyStreamId('acme', 'COMPUTE'), 'acme');

  it('keeps each policy as last defined, with who created and last changed it', () =>
    spec
      .given(policies(created))
      .when(policies({ type: 'ScalingPolicyUpdated', data: { ...policy, isActive: false, updatedBy: 'bob', updatedAt: '2026-12-03T11:00:00.000Z' } }))
      .then({
        [SCALING_POLICIES_COLLECTION]: [{ id: 'p1', ...policy, isActive: false, createdBy: 'ada', createdAt: '2026-12-03T10:00:00.000Z', updatedBy: 'bob', updatedAt: '2026-12-03T11:00:00.000Z' }],
      }));
});
