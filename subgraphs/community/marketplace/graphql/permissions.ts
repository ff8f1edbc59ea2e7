import { ROLES, type Role } from '../../../../platform/auth/auth-context';
import { CALLERS_TENANT, permit, SHARED_CONTENT, tenantArgument, type PermissionTable } from '../../../../platform/graphql/permissions/permission-table';

/** Those who publish algorithms: developers and up. */
const AUTHORS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'DEVELOPER'];
const MODERATORS: readonly Role[] = ['MODERATOR', 'PLATFORM_ADMIN'];
/** A licence holder's users who work with algorithms (viewers and auditors only read). */
const LICENCE_USERS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'ANALYST', 'DEVELOPER'];

/**
 * Who may call each operation of the community's marketplace (listings, versions, reviews, ratings,
 * discovery). Listings are shared content: reading them and acting on them is SHARED_CONTENT, done in
 * the caller's own tenant's name; what a listing's visibility or a licence allows is checked by the
 * resolver against the listing's owner.
 */
export const MARKETPLACE_PERMISSIONS = {
  'Mutation.submitAlgorithm': permit(AUTHORS, CALLERS_TENANT),
  'Query.validateAlgorithm': permit(AUTHORS, CALLERS_TENANT),
  'Mutation.validateAlgorithm': permit(AUTHORS, CALLERS_TENANT),
  'Mutation.reviewAlgorithm': permit(MODERATORS, SHARED_CONTENT),
  'Mutation.deprecateAlgorithm': permit([...AUTHORS, 'MODERATOR'], SHARED_CONTENT),
  'Mutation.rateAlgorithm': permit(LICENCE_USERS, SHARED_CONTENT),
  'Query.algorithm': permit(ROLES, SHARED_CONTENT),
  'Query.algorithms': permit(ROLES, tenantArgument('tenantId')),
  'Query.algorithmReviewQueue': permit(MODERATORS, SHARED_CONTENT),
  'Query.algorithmRecipeSchema': permit(ROLES, SHARED_CONTENT),
  'Query.discoverAlgorithms': permit(ROLES, SHARED_CONTENT),
  'Query.algorithmSource': permit([...LICENCE_USERS, 'MODERATOR'], SHARED_CONTENT),
} satisfies PermissionTable;
