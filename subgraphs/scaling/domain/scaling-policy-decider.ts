import { DomainError, type Decider } from '../../../platform/commands/decider';
import { ErrorCode } from '../../../platform/errors';
import type { ScalingPolicyDefinition, ScalingPolicyEvent } from '../../../schema/events';
import { boundsConflict } from '../policies/capacity-bounds';

/** The policies of one tenant for one resource. */
export type ScalingPolicySetState = { readonly policies: ReadonlyMap<string, ScalingPolicyDefinition> };

export type ScalingPolicyChanges = Partial<Pick<ScalingPolicyDefinition, 'scalingRules' | 'costLimits' | 'performanceTargets' | 'autoApproval' | 'isActive'>>;

export type ScalingPolicyCommand =
  | { readonly type: 'CreateScalingPolicy'; readonly definition: ScalingPolicyDefinition; readonly by: string; readonly at: string }
  | { readonly type: 'UpdateScalingPolicy'; readonly policyId: string; readonly tenantId: string; readonly resourceType: ScalingPolicyDefinition['resourceType']; readonly changes: ScalingPolicyChanges; readonly by: string; readonly at: string };

/**
 * The seed's ScalingPolicy, one tenant × resource at a time. Its troubleshooting case "resource
 * scaling conflicts" is refused here with SCALING_POLICY_CONFLICT naming the policies: two active
 * policies for one tenant and resource, or bounds that cannot hold (a minimum above the maximum).
 */
export const scalingPolicyDecider: Decider<ScalingPolicySetState, ScalingPolicyCommand, ScalingPolicyEvent> = {
  initialState: () => ({ policies: new Map() }),

  evolve(state, event) {
    const definition = definitionOf(event.data);
    return { policies: new Map([...state.policies, [definition.policyId, definition]]) };
  },

  decide(command, state) {
    if (command.type === 'CreateScalingPolicy') {
      if (state.policies.has(command.definition.policyId)) throw new DomainError(ErrorCode.Conflict, `Scaling policy ${command.definition.policyId} already exists.`);
      refuseConflicts(command.definition, state);
      return [{ type: 'ScalingPolicyCreated', data: { ...command.definition, createdBy: command.by, createdAt: command.at } }];
    }
    const current = state.policies.get(command.policyId);
    if (!current || current.tenantId !== command.tenantId) throw new DomainError(ErrorCode.NotFound, `Scaling policy ${command.policyId} does not exist.`);
    const next: ScalingPolicyDefinition = { ...current, ...command.changes };
    refuseConflicts(next, state);
    return [{ type: 'ScalingPolicyUpdated', data: { ...next, updatedBy: command.by, updatedAt: command.at } }];
  },
};

/** The resources Goliath can resize itself; the others are forecast and planned only, until a real executor exists. */
const EXECUTABLE_RESOURCES: readonly ScalingPolicyDefinition['resourceType'][] = ['COMPUTE'];

function refuseConflicts(policy: ScalingPolicyDefinition, state: ScalingPolicySetState): void {
  if (policy.scalingRules.mode === 'FORECAST_AND_SCALE' && !EXECUTABLE_RESOURCES.includes(policy.resourceType)) {
    throw new DomainError(
      ErrorCode.BadUserInput,
      `${policy.resourceType} has no executor in Goliath: its schedules are plans to read, so its policy's mode is FORECAST_ONLY (only COMPUTE, the solver allowance, is scaled).`,
      { field: 'input.scalingRules.mode' },
    );
  }
  const bounds = boundsConflict(policy.scalingRules);
  if (bounds) {
    throw new DomainError(ErrorCode.ScalingPolicyConflict, `Scaling policy ${policy.policyId}: ${bounds}. Lower the minimum or raise the maximum.`, { policies: [policy.policyId] });
  }
  if (!policy.isActive) return;
  const active = [...state.policies.values()].find((other) => other.isActive && other.policyId !== policy.policyId);
  if (active) {
    throw new DomainError(
      ErrorCode.ScalingPolicyConflict,
      `Scaling policy ${active.policyId} is already active for ${policy.resourceType} of tenant ${policy.tenantId}: switch it off (updateScalingPolicy with isActive: false) or change it instead; see scalingPolicies.`,
      { policies: [active.policyId, policy.policyId] },
    );
  }
}

/** The policy as defined, without who recorded it when. */
export function definitionOf(data: ScalingPolicyDefinition): ScalingPolicyDefinition {
  const { policyId, tenantId, resourceType, scalingRules, costLimits, performanceTargets, autoApproval, isActive } = data;
  return { policyId, tenantId, resourceType, scalingRules, costLimits, performanceTargets, autoApproval, isActive };
}
