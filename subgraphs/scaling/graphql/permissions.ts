import { ROLES, type Role } from '../../../platform/auth/auth-context';
import { permit, tenantArgument, tenantOwning, type PermissionTable } from '../../../platform/graphql/permissions/permission-table';
import { SCALING_POLICIES_COLLECTION } from '../../../schema/read-models/scaling';

/** Those who bring metrics: people who run the tenant's systems, and service accounts given one of these roles. */
const METERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'DEVELOPER'];
/** Those who answer for what a tenant spends. */
const PLANNERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN'];

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
} satisfies PermissionTable;
