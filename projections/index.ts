import type { EventStore } from '../platform/eventstore/port';
import { AUDIT_CHAIN_PROJECTION, auditChainProjection } from './audit-chain';
import { constraintsProjection, problemsProjection } from './optimization-problems';
import { auditEntriesProjection } from './audit-entries';
import { identityProjections } from './identity';
import { optimizationProfilesProjection } from './optimization-profiles';
import type { Projection } from './projection';
import { solveJobsProjection } from './solve-jobs';
import { tenantProfileProjections } from './tenant-profiles';
import { tenantsProjection } from './tenants';
import { complianceProjection } from './compliance-profiles';
import { serviceAccountsProjection } from './service-accounts';
import { constraintPerformanceProjection } from './constraint-performance';
import { constraintEvolutionHistoryProjection } from './constraint-evolution-history';
import { constraintEvolutionModelsProjection } from './constraint-evolution-models';
import { evolutionsProjection } from './evolutions';
import { evolutionTriggersProjection } from './evolution-triggers';
import { constraintPricesProjection } from './constraint-prices';
import { usageHoursProjection } from './usage-hours';
import { scalingPoliciesProjection } from './scaling-policies';
import { demandPredictionsProjection } from './demand-predictions';
import { scalingCalendarProjection } from './scaling-calendar';
import { scalingSchedulesProjection } from './scaling-schedules';
import { forumsProjection } from './forums';
import { moderationProjection } from './moderation';
import { communityEventsProjection } from './community-events';
import { tutorialsProjection } from './tutorials';
import { projectsProjection } from './projects';
import { contributionsProjection } from './contributions';
import { licensesProjection } from './licenses';
import { invoicesProjection } from './invoices';
import { algorithmSalesProjection } from './algorithm-sales';
import { algorithmRecipesProjection } from './algorithm-recipes';
import { algorithmEntitlementsProjection } from './algorithm-entitlements';
import { algorithmUsageProjection } from './algorithm-usage';
import { algorithmBenchmarksProjection } from './algorithm-benchmarks';
import { algorithmListingsProjection } from './algorithm-listings';

/** Every read model of the platform; the runner keeps each one up to date. */
export const ALL_PROJECTIONS: readonly Projection[] = [tenantsProjection, ...tenantProfileProjections, problemsProjection, constraintsProjection, solveJobsProjection, optimizationProfilesProjection, constraintPerformanceProjection, constraintPricesProjection, constraintEvolutionHistoryProjection, constraintEvolutionModelsProjection, evolutionsProjection, evolutionTriggersProjection, usageHoursProjection, scalingPoliciesProjection, demandPredictionsProjection, scalingCalendarProjection, scalingSchedulesProjection, forumsProjection, moderationProjection, communityEventsProjection, tutorialsProjection, projectsProjection, contributionsProjection, licensesProjection, invoicesProjection, algorithmSalesProjection, algorithmRecipesProjection, algorithmEntitlementsProjection, algorithmUsageProjection, algorithmBenchmarksProjection, algorithmListingsProjection, auditEntriesProjection, ...identityProjections, serviceAccountsProjection, complianceProjection];

/** What the projection runner runs: every read model, and the audit chainer (whose output is events, so replay leaves it out). */
export function runnerProjections(eventStore: EventStore): Projection[] {
  return [...ALL_PROJECTIONS, auditChainProjection(eventStore)];
}

/** The read models a mutation's answer waits for (read-your-writes); the audit chainer is waited for apart. */
export const READ_MODEL_NAMES: readonly string[] = ALL_PROJECTIONS.map((projection) => projection.name);

/** Every projection the runner runs: whose checkpoints and dead letters other processes look at. */
export const RUNNER_PROJECTION_NAMES: readonly string[] = [...READ_MODEL_NAMES, AUDIT_CHAIN_PROJECTION];

export { AUDIT_CHAIN_PROJECTION };
