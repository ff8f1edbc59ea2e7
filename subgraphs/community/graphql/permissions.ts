import type { PermissionTable } from '../../../platform/graphql/permissions/permission-table';
import { MARKETPLACE_PERMISSIONS } from '../marketplace/graphql/permissions';
import { LICENSING_PERMISSIONS } from '../licensing/graphql/permissions';
import { PORTAL_PERMISSIONS } from '../portal/graphql/permissions';
import { FORUM_PERMISSIONS } from '../forum/graphql/permissions';

/**
 * Who may call each community operation (README, "Roles") and which tenant it acts on, one table
 * per part of the community platform; an operation added without a row is refused. Approved
 * listings, forums, posts and events are shared content (SHARED_CONTENT): every signed-in user
 * reads them, and acts on them in the name of their own tenant.
 */
export const COMMUNITY_PERMISSIONS = {
  ...MARKETPLACE_PERMISSIONS,
  ...LICENSING_PERMISSIONS,
  ...PORTAL_PERMISSIONS,
  ...FORUM_PERMISSIONS,
} satisfies PermissionTable;
