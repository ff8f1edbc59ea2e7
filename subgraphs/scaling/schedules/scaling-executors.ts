import type { CommandCaller } from '../../../platform/commands/command-caller';
import { executeCommand } from '../../../platform/commands/execute-command';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import type { ResourceTypeName } from '../../../schema/events';
import type { ScalingScheduleDocument } from '../../../schema/read-models/scaling';
import { tenantCapacities } from '../domain/command-handlers';

type Action = ScalingScheduleDocument['actions'][number];
type ExecutorDependencies = Pick<SubgraphDependencies, 'eventStore' | 'upcasters' | 'clock' | 'waitForReadModels'>;

/**
 * The port a scaling action reaches the world through: one executor per resource that Goliath can
 * resize. Applying the same action twice must change the resource once (the scheduler retries
 * after a crash between executing an action and recording it).
 */
export interface ScalingExecutor {
  execute(schedule: ScalingScheduleDocument, action: Action, caller: CommandCaller): Promise<void>;
}

/**
 * COMPUTE: the tenant's solver allowance, set as TenantCapacityChanged in `tenantcapacity-<tenantId>`,
 * which the optimization subgraph's solve-job runner follows. Once per action by the capacity decider.
 */
export function solverAllowanceExecutor(deps: ExecutorDependencies): ScalingExecutor {
  return {
    async execute(schedule, action, caller) {
      const change = { tenantId: schedule.tenantId, resourceType: action.resourceType, capacity: action.targetCapacity, actionId: action.actionId, scheduleId: schedule.scheduleId, changedBy: caller.actor, changedAt: deps.clock().toISOString() };
      await executeCommand(deps, caller, tenantCapacities, { type: 'ChangeTenantCapacity', change }, { tenantId: schedule.tenantId, target: action.actionId, waitForReadModels: false });
    },
  };
}

/** The executors Goliath has: COMPUTE only. Other resources are forecast and planned, never resized by a fake. */
export function scalingExecutors(deps: ExecutorDependencies): Readonly<Partial<Record<ResourceTypeName, ScalingExecutor>>> {
  return { COMPUTE: solverAllowanceExecutor(deps) };
}
