import { ROLES, type Role } from '../../../platform/auth/auth-context';
import { permit, permitService, tenantArgument, tenantOwning, type PermissionTable } from '../../../platform/graphql/permissions/permission-table';
import { SCALING_CALENDAR_COLLECTION, SCALING_POLICIES_COLLECTION, SCALING_SCHEDULES_COLLECTION } from '../../../schema/read-models/scaling';

/** Those who bring metrics: people who run the tenant's systems, and service accounts given one of these roles. */
const METERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'DEVELOPER'];
/** Those who answer for what a tenant spends. */
const PLANNERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN'];

/** The background runner of applied schedules (subgraphs/scaling/schedules). */
export const SCALING_SCHEDULER = 'scaling-scheduler';
/** The background refresher of forecasts (subgraphs/scaling/prediction). */
export const FORECAST_REFRESHER = 'forecast-refresher';

/**
 * Who may call each scaling operation (README, "Roles") and which tenant it acts on; an operation
 * added without a row is refused.
 */
export const SCALING_PERMISSIONS = {
  'Query.usageSeries': permit(ROLES, tenantArgument('tenantId')),
  'Mutation.recordUsage': permit(METERS, tenantArgument('input.tenantId')),
  'Query.scalingPolicies': permit(ROLES, tenantArgument('tenantId')),
  'Mutation.createScalingPolicy': permit(PLANNERS, tenantArgument('input.tenantId')),
  'Mutation.updateScalingPolicy': permit(PLANNERS, tenantOwning(SCALING_POLICIES_COLLECTION, 'policyId', 'Scaling policy')),
  'Query.calendarExceptions': permit(ROLES, tenantArgument('tenantId')),
  // Forecasts are reads with a record kept: every role of the tenant may ask for one.
  'Mutation.predictResourceDemand': permit(ROLES, tenantArgument('input.tenantId')),
  'Mutation.retrainModels': permit(PLANNERS, tenantArgument('tenantId')),
  'Query.resourceDemandPredictions': permit(ROLES, tenantArgument('tenantId')),
  'Query.scalingPredictionModels': permit(ROLES, tenantArgument('tenantId')),
  'Mutation.optimizeScalingSchedule': permit(PLANNERS, tenantArgument('input.tenantId')),
  'Mutation.approveScalingSchedule': permit(PLANNERS, tenantOwning(SCALING_SCHEDULES_COLLECTION, 'scheduleId', 'Scaling schedule')),
  'Mutation.applyScalingSchedule': permit(PLANNERS, tenantOwning(SCALING_SCHEDULES_COLLECTION, 'scheduleId', 'Scaling schedule')),
  'Query.scalingSchedule': permit(ROLES, tenantOwning(SCALING_SCHEDULES_COLLECTION, 'scheduleId', 'Scaling schedule')),
  'Query.scalingSchedules': permit(ROLES, tenantArgument('tenantId')),
  'Service.applyScalingAction': permitService([SCALING_SCHEDULER], tenantOwning(SCALING_SCHEDULES_COLLECTION, 'scheduleId', 'Scaling schedule')),
  'Service.refreshForecast': permitService([FORECAST_REFRESHER], tenantArgument('tenantId')),
  'Mutation.addCalendarException': permit(PLANNERS, tenantArgument('input.tenantId')),
  'Mutation.removeCalendarException': permit(PLANNERS, tenantOwning(SCALING_CALENDAR_COLLECTION, 'exceptionId', 'Calendar exception')),
} satisfies PermissionTable;
