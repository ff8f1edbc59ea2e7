import type { ScalingPolicyDefinition } from '../events/scaling-policy-events';

/** Each scaling policy as last defined (`scalingPolicies`). */
export const SCALING_POLICIES_COLLECTION = 'scaling_policies';

export interface ScalingPolicyDocument extends ScalingPolicyDefinition {
  readonly id: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
  readonly [field: string]: unknown;
}
