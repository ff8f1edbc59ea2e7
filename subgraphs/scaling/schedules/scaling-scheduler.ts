import { PeriodicTask } from '../../../platform/background/periodic-task';
import { executeCommand } from '../../../platform/commands/execute-command';
import type { ServicePrincipal } from '../../../platform/commands/service-principal';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { readAll } from '../../../platform/readstore/read-all';
import { SCALING_SCHEDULES_COLLECTION, type ScalingScheduleDocument } from '../../../schema/read-models/scaling';
import type { ResourceTypeName } from '../../../schema/events';
import { scalingSchedules } from '../domain/command-handlers';
import { scalingExecutors, type ScalingExecutor } from './scaling-executors';

type SchedulerDependencies = Pick<SubgraphDependencies, 'eventStore' | 'readStore' | 'upcasters' | 'clock' | 'logger' | 'waitForReadModels' | 'config'>;
type Action = ScalingScheduleDocument['actions'][number];

/** The service action the scheduler runs as (`Service.applyScalingAction`). */
export const APPLY_SCALING_ACTION = 'applyScalingAction';

/**
 * Runs the actions of applied schedules at their scheduled time (the clock port: tests move time
 * instead of waiting hours), as `system:scaling-scheduler`, in the scaling subgraph's process.
 *
 * - An action is executed by its resource's executor (scaling-executors.ts: the port; COMPUTE's sets
 *   the tenant's solver allowance), then recorded (ScalingActionApplied). An executor changes a
 *   resource once per action, so a crash between the two steps repeats nothing on retry; an
 *   executor's failure, or a resource without one, is recorded as ScalingActionFailed.
 * - When several actions of a schedule are due at once (the scheduler was stopped across their
 *   times), only the latest is run; the earlier ones are recorded as failed, superseded by it, so
 *   none is lost silently and no stale capacity is set on the way.
 * - Its state is the log's: a restart reads what is pending from the read model and goes on.
 */
export class ScalingScheduler {
  private readonly task: PeriodicTask;

  constructor(
    private readonly deps: SchedulerDependencies,
    private readonly principal: ServicePrincipal,
    private readonly executors: Readonly<Partial<Record<ResourceTypeName, ScalingExecutor>>> = scalingExecutors(deps),
  ) {
    this.task = new PeriodicTask(deps.config.scaling.schedulerCheckMs, () => this.runDueActions(), (error) => deps.logger.error({ err: error }, 'the scaling scheduler could not run due actions'));
  }

  start(): void {
    this.task.start();
    void this.task.runOnce();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  /** One pass: every applied schedule's due actions. */
  runOnce(): Promise<void> {
    return this.task.runOnce();
  }

  private async runDueActions(): Promise<void> {
    const now = this.deps.clock();
    const applied = await readAll(this.deps.readStore.collection<ScalingScheduleDocument>(SCALING_SCHEDULES_COLLECTION), { where: { status: 'APPLIED' } });
    for (const schedule of applied) {
      const due = schedule.actions.filter((action) => action.status === 'PENDING' && Date.parse(action.scheduledTime) <= now.getTime()).sort((a, b) => a.scheduledTime.localeCompare(b.scheduledTime));
      if (due.length === 0) continue;
      const latest = due[due.length - 1];
      for (const stale of due.slice(0, -1)) {
        await this.record(schedule, stale, { type: 'RecordScalingActionFailed', reason: `superseded by ${latest.actionId}: both were due when the scheduler ran`, superseded: true });
      }
      await this.execute(schedule, latest);
    }
  }

  private async execute(schedule: ScalingScheduleDocument, action: Action): Promise<void> {
    try {
      const executor = this.executors[action.resourceType];
      if (!executor) throw new Error(`${action.resourceType} has no executor in Goliath: its schedules are plans only`);
      await executor.execute(schedule, action, this.principal.caller(APPLY_SCALING_ACTION, action.actionId, { scheduleId: schedule.scheduleId, actionId: action.actionId }));
      await this.record(schedule, action, { type: 'RecordScalingActionApplied' });
    } catch (error) {
      this.deps.logger.warn({ err: error, scheduleId: schedule.scheduleId, actionId: action.actionId }, 'a scaling action failed');
      await this.record(schedule, action, { type: 'RecordScalingActionFailed', reason: (error as Error).message, superseded: false });
    }
  }

  private async record(
    schedule: ScalingScheduleDocument,
    action: Action,
    outcome: { readonly type: 'RecordScalingActionApplied' } | { readonly type: 'RecordScalingActionFailed'; readonly reason: string; readonly superseded: boolean },
  ): Promise<void> {
    const caller = this.principal.caller(APPLY_SCALING_ACTION, action.actionId, { scheduleId: schedule.scheduleId, actionId: action.actionId });
    await executeCommand(this.deps, caller, scalingSchedules, { ...outcome, scheduleId: schedule.scheduleId, actionId: action.actionId, at: this.deps.clock().toISOString() }, { tenantId: schedule.tenantId, target: schedule.scheduleId });
  }
}
