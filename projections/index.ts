import { constraintsProjection, problemsProjection } from './optimization-problems';
import { auditEntriesProjection } from './audit-entries';
import { identityProjections } from './identity';
import { optimizationProfilesProjection } from './optimization-profiles';
import type { Projection } from './projection';
import { solveJobsProjection } from './solve-jobs';
import { tenantProfileProjections } from './tenant-profiles';
import { tenantsProjection } from './tenants';
import { complianceProjection } from './compliance-profiles';

/** Every read model of the platform; the runner keeps each one up to date. */
export const ALL_PROJECTIONS: readonly Projection[] = [tenantsProjection, ...tenantProfileProjections, problemsProjection, constraintsProjection, solveJobsProjection, optimizationProfilesProjection, auditEntriesProjection, ...identityProjections, complianceProjection];
