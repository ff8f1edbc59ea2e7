import type { PermissionTable } from '../../../platform/graphql/permissions/permission-table';

/**
 * Who may call each scaling operation (README, "Roles"). It serves none of its own yet, only
 * `Tenant.scalingProfile` through entity resolution; an operation added without a row is refused.
 */
export const SCALING_PERMISSIONS = {} satisfies PermissionTable;
