import { SCALING_SCHEDULE_CATEGORY, TENANT_CAPACITY_CATEGORY, type ScalingScheduleEvent, type TenantCapacityEvent } from '../schema/events';
import {
  SCALING_SCHEDULES_COLLECTION,
  TENANT_CAPACITIES_COLLECTION,
  type ScalingActionStatus,
  type ScalingScheduleDocument,
  type TenantCapacityDocument,
} from '../schema/read-models/scaling';
import type { Projection, ProjectionContext } from './projection';

/** Each capacity schedule with its actions' fate, and each tenant's capacity per resource as the actions set it. */
export const scalingSchedulesProjection: Projection = {
  name: 'scaling-schedules',
  collections: [
    { name: SCALING_SCHEDULES_COLLECTION, indexes: ['tenantId', 'status', 'proposedAt'] },
    { name: TENANT_CAPACITIES_COLLECTION, indexes: ['tenantId'] },
  ],
  filter: {
    categories: [SCALING_SCHEDULE_CATEGORY, TENANT_CAPACITY_CATEGORY],
    eventTypes: ['ScalingScheduleProposed', 'ScalingScheduleApproved', 'ScalingScheduleApplied', 'ScalingActionApplied', 'ScalingActionFailed', 'TenantCapacityChanged'],
  },
  async handle(recorded, context) {
    const event = recorded as unknown as ScalingScheduleEvent | TenantCapacityEvent;
    switch (event.type) {
      case 'TenantCapacityChanged': {
        const { tenantId, resourceType, capacity, scheduleId, actionId, changedAt } = event.data;
        const document: TenantCapacityDocument = { id: `${tenantId}:${resourceType}`, tenantId, resourceType, capacity, scheduleId, actionId, changedAt };
        context.upsert(TENANT_CAPACITIES_COLLECTION, document);
        return;
      }
      case 'ScalingScheduleProposed': {
        const { proposedBy, proposedAt, actions, ...schedule } = event.data;
        const document: ScalingScheduleDocument = {
          id: schedule.scheduleId,
          ...schedule,
          status: 'PROPOSED',
          actions: actions.map((action) => ({ ...action, status: 'PENDING', settledAt: null, reason: null })),
          proposedBy,
          proposedAt,
          approvedBy: null,
          approvedAt: null,
          appliedAt: null,
        };
        context.upsert(SCALING_SCHEDULES_COLLECTION, document);
        return;
      }
      case 'ScalingScheduleApproved':
        context.patch(SCALING_SCHEDULES_COLLECTION, event.data.scheduleId, { status: 'APPROVED', approvedBy: event.data.approvedBy, approvedAt: event.data.approvedAt });
        return;
      case 'ScalingScheduleApplied':
        await settle(context, event.data.scheduleId, { appliedAt: event.data.appliedAt });
        return;
      case 'ScalingActionApplied':
        await settle(context, event.data.scheduleId, {}, event.data.actionId, 'APPLIED', event.data.appliedAt, null);
        return;
      case 'ScalingActionFailed':
        await settle(context, event.data.scheduleId, {}, event.data.actionId, 'FAILED', event.data.failedAt, event.data.reason);
        return;
    }
  },
};

/** Marks an action settled (when named) and the schedule APPLIED, or COMPLETED once no action is pending. */
async function settle(context: ProjectionContext, scheduleId: string, fields: Record<string, unknown>, actionId?: string, status?: ScalingActionStatus, at?: string, reason?: string | null): Promise<void> {
  const schedule = await context.get<ScalingScheduleDocument>(SCALING_SCHEDULES_COLLECTION, scheduleId);
  if (!schedule) return;
  const actions = schedule.actions.map((action) => (action.actionId === actionId ? { ...action, status: status!, settledAt: at!, reason: reason ?? null } : action));
  const done = actions.every((action) => action.status !== 'PENDING');
  context.patch(SCALING_SCHEDULES_COLLECTION, scheduleId, { ...fields, actions, status: done ? 'COMPLETED' : 'APPLIED' });
}
