import { SCALING_POLICY_CATEGORY, type ScalingPolicyEvent } from '../schema/events';
import { SCALING_POLICIES_COLLECTION, type ScalingPolicyDocument } from '../schema/read-models/scaling';
import type { Projection } from './projection';

/** Each scaling policy as last defined, with who created and last changed it. */
export const scalingPoliciesProjection: Projection = {
  name: 'scaling-policies',
  collections: [{ name: SCALING_POLICIES_COLLECTION, indexes: ['tenantId', 'resourceType', 'createdAt'] }],
  filter: { categories: [SCALING_POLICY_CATEGORY], eventTypes: ['ScalingPolicyCreated', 'ScalingPolicyUpdated'] },
  async handle(recorded, context) {
    const event = recorded as unknown as ScalingPolicyEvent;
    if (event.type === 'ScalingPolicyCreated') {
      const { createdBy, createdAt, ...definition } = event.data;
      const document: ScalingPolicyDocument = { id: definition.policyId, ...definition, createdBy, createdAt, updatedBy: createdBy, updatedAt: createdAt };
      context.upsert(SCALING_POLICIES_COLLECTION, document);
      return;
    }
    const { updatedBy, updatedAt, ...definition } = event.data;
    const previous = await context.get<ScalingPolicyDocument>(SCALING_POLICIES_COLLECTION, definition.policyId);
    if (!previous) return;
    context.upsert(SCALING_POLICIES_COLLECTION, { ...previous, ...definition, updatedBy, updatedAt });
  },
};
