import type { PermissionTable } from '../../../platform/graphql/permissions/permission-table';

/**
 * Who may call each community operation (README, "Roles"). It serves none of its own yet, only
 * `Tenant.communityProfile` through entity resolution; an operation added without a row is refused.
 */
export const COMMUNITY_PERMISSIONS = {} satisfies PermissionTable;
