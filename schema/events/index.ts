import { IDENTITY_EVENT_VERSIONS } from './identity-events';
import { OPTIMIZATION_EVENT_VERSIONS } from './optimization-events';
import { SESSION_EVENT_VERSIONS } from './session-events';
import { SOLVE_JOB_EVENT_VERSIONS } from './solve-job-events';
import { TENANT_EVENT_VERSIONS } from './tenant-events';
import { COMPLIANCE_EVENT_VERSIONS } from './compliance-events';
import { DEADLETTER_EVENT_VERSIONS } from './deadletter-events';
import { SERVICE_ACCOUNT_EVENT_VERSIONS } from './service-account-events';
import { CONSTRAINT_OUTCOME_EVENT_VERSIONS } from './constraint-outcome-events';
import { EVOLUTION_EVENT_VERSIONS } from './evolution-events';
import { EVOLUTION_MODEL_EVENT_VERSIONS } from './evolution-model-events';
import { EVOLUTION_TRIGGER_EVENT_VERSIONS } from './evolution-trigger-events';
import { USAGE_EVENT_VERSIONS } from './usage-events';
import { SCALING_POLICY_EVENT_VERSIONS } from './scaling-policy-events';
import { TENANT_CAPACITY_EVENT_VERSIONS } from './tenant-capacity-events';
import { DEMAND_PREDICTION_EVENT_VERSIONS } from './demand-prediction-events';
import { SCALING_CALENDAR_EVENT_VERSIONS } from './scaling-calendar-events';
import { SCALING_SCHEDULE_EVENT_VERSIONS } from './scaling-schedule-events';
import { ALGORITHM_EVENT_VERSIONS } from './algorithm-events';
import { LICENSE_EVENT_VERSIONS } from './license-events';
import { FORUM_EVENT_VERSIONS } from './forum-events';
import { MODERATION_EVENT_VERSIONS } from './moderation-events';
import { COMMUNITY_EVENT_EVENT_VERSIONS } from './community-event-events';
import { ALGORITHM_RUN_EVENT_VERSIONS } from './algorithm-run-events';
import { ALGORITHM_BENCHMARK_EVENT_VERSIONS } from './algorithm-benchmark-events';
import { TUTORIAL_EVENT_VERSIONS } from './tutorial-events';
import { PROJECT_EVENT_VERSIONS } from './project-events';

export * from './identity-events';
export * from './optimization-events';
export * from './session-events';
export * from './solve-job-events';
export * from './tenant-events';
export * from './compliance-events';
export * from './deadletter-events';
export * from './service-account-events';
export * from './constraint-outcome-events';
export * from './evolution-events';
export * from './evolution-model-events';
export * from './evolution-trigger-events';
export * from './usage-events';
export * from './scaling-policy-events';
export * from './tenant-capacity-events';
export * from './demand-prediction-events';
export * from './scaling-calendar-events';
export * from './scaling-schedule-events';
export * from './algorithm-events';
export * from './license-events';
export * from './forum-events';
export * from './moderation-events';
export * from './community-event-events';
export * from './algorithm-run-events';
export * from './algorithm-benchmark-events';
export * from './tutorial-events';
export * from './project-events';
export { EVENT_UPCASTERS } from './upcasters';

/** The version written with each event type (the latest; older stored versions are upcast on read). */
export const EVENT_SCHEMA_VERSIONS: Readonly<Record<string, number>> = { ...TENANT_EVENT_VERSIONS, ...OPTIMIZATION_EVENT_VERSIONS, ...SOLVE_JOB_EVENT_VERSIONS, ...SESSION_EVENT_VERSIONS, ...IDENTITY_EVENT_VERSIONS, ...COMPLIANCE_EVENT_VERSIONS, ...DEADLETTER_EVENT_VERSIONS, ...SERVICE_ACCOUNT_EVENT_VERSIONS, ...CONSTRAINT_OUTCOME_EVENT_VERSIONS, ...EVOLUTION_EVENT_VERSIONS, ...EVOLUTION_TRIGGER_EVENT_VERSIONS, ...EVOLUTION_MODEL_EVENT_VERSIONS, ...USAGE_EVENT_VERSIONS, ...SCALING_POLICY_EVENT_VERSIONS, ...TENANT_CAPACITY_EVENT_VERSIONS, ...DEMAND_PREDICTION_EVENT_VERSIONS, ...SCALING_CALENDAR_EVENT_VERSIONS, ...SCALING_SCHEDULE_EVENT_VERSIONS, ...ALGORITHM_EVENT_VERSIONS, ...LICENSE_EVENT_VERSIONS, ...FORUM_EVENT_VERSIONS, ...MODERATION_EVENT_VERSIONS, ...COMMUNITY_EVENT_EVENT_VERSIONS, ...ALGORITHM_RUN_EVENT_VERSIONS, ...ALGORITHM_BENCHMARK_EVENT_VERSIONS, ...TUTORIAL_EVENT_VERSIONS, ...PROJECT_EVENT_VERSIONS };

/** The schema version written with a new event; unknown types are a programming error. */
export function eventSchemaVersion(eventType: string): number {
  const version = EVENT_SCHEMA_VERSIONS[eventType];
  if (version === undefined) throw new Error(`Event type ${eventType} is not registered in schema/events`);
  return version;
}
