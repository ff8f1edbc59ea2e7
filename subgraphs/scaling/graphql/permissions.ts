import { ROLES, type Role } from '../../../platform/auth/auth-context';
import { permit, tenantArgument, type PermissionTable } from '../../../platform/graphql/permissions/permission-table';

/** Those who bring metrics: people who run the tenant's systems, and service accounts given one of these roles. */
const METERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'DEVELOPER'];

/**
 * Who may call each scaling operation (README, "Roles") and which tenant it acts on; an operation
 * added without a row is refused.
 */
export const SCALING_PERMISSIONS = {
  'Query.usageSeries': permit(ROLES, tenantArgument('tenantId')),
  'Mutation.recordUsage': permit(METERS, tenantArgument('input.tenantId')),
} satisfies PermissionTable;
