import type { Decider } from '../../../platform/commands/decider';
import type { ResourceTypeName, TenantCapacityChanged, TenantCapacityEvent } from '../../../schema/events';

export type TenantCapacityState = {
  readonly capacities: ReadonlyMap<ResourceTypeName, number>;
  /** Actions already applied, by id: each changes the capacity once. */
  readonly applied: ReadonlySet<string>;
};

export type ChangeTenantCapacity = {
  readonly type: 'ChangeTenantCapacity';
  readonly change: Omit<TenantCapacityChanged['data'], 'previousCapacity'>;
};

/**
 * A tenant's capacity per resource as scaling actions set it: the executor of COMPUTE (the
 * optimization subgraph's solve-job runner follows these events). An action applied again changes
 * nothing, so the scheduler may retry after a crash between this and recording the action.
 */
export const tenantCapacityDecider: Decider<TenantCapacityState, ChangeTenantCapacity, TenantCapacityEvent> = {
  initialState: () => ({ capacities: new Map(), applied: new Set() }),

  evolve(state, event) {
    return {
      capacities: new Map([...state.capacities, [event.data.resourceType, event.data.capacity]]),
      applied: new Set([...state.applied, event.data.actionId]),
    };
  },

  decide({ change }, state) {
    if (state.applied.has(change.actionId)) return [];
    return [{ type: 'TenantCapacityChanged', data: { ...change, previousCapacity: state.capacities.get(change.resourceType) ?? null } }];
  },
};
