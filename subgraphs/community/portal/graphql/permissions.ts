import { ROLES, type Role } from '../../../../platform/auth/auth-context';
import { CALLERS_TENANT, permit, SHARED_CONTENT, tenantArgument, tenantOwning, type PermissionTable } from '../../../../platform/graphql/permissions/permission-table';
import { PROJECTS_COLLECTION, TUTORIALS_COLLECTION } from '../../../../schema/read-models/portal';

/** Tutorials and projects are written by developers and up (issue 12, "Tests and figures"). */
const AUTHORS: readonly Role[] = ['PLATFORM_ADMIN', 'TENANT_ADMIN', 'DEVELOPER'];

/**
 * Who may call each operation of the community's portal (tutorials, projects, contributions).
 * None is behind MARKETPLACE_ENABLED or COMMUNITY_FORUM_ENABLED: the portal is neither. What is
 * created belongs to the caller's tenant, and only that tenant changes it (an item of another
 * tenant answers NOT_FOUND to a change); tutorials and contribution profiles are read by everyone,
 * projects by everyone when PUBLIC, and only in their tenant when PRIVATE (the resolver filters).
 */
export const PORTAL_PERMISSIONS = {
  'Mutation.createTutorial': permit(AUTHORS, CALLERS_TENANT),
  'Mutation.updateTutorial': permit(AUTHORS, tenantOwning(TUTORIALS_COLLECTION, 'input.tutorialId', 'Tutorial')),
  'Query.tutorials': permit(ROLES, SHARED_CONTENT),
  'Query.tutorial': permit(ROLES, SHARED_CONTENT),
  'Mutation.createProject': permit(AUTHORS, CALLERS_TENANT),
  'Mutation.updateProject': permit(AUTHORS, tenantOwning(PROJECTS_COLLECTION, 'input.projectId', 'Project')),
  'Mutation.addProjectMember': permit(AUTHORS, tenantOwning(PROJECTS_COLLECTION, 'projectId', 'Project')),
  'Mutation.removeProjectMember': permit(AUTHORS, tenantOwning(PROJECTS_COLLECTION, 'projectId', 'Project')),
  'Mutation.linkProjectAlgorithm': permit(AUTHORS, tenantOwning(PROJECTS_COLLECTION, 'projectId', 'Project')),
  'Mutation.unlinkProjectAlgorithm': permit(AUTHORS, tenantOwning(PROJECTS_COLLECTION, 'projectId', 'Project')),
  // Naming a tenant lists that tenant's projects, so only its members (and platform admins) may name it; without one, every visible project.
  'Query.projects': permit(ROLES, tenantArgument('tenantId')),
  'Query.project': permit(ROLES, SHARED_CONTENT),
  'Query.trackContributions': permit(ROLES, SHARED_CONTENT),
  'Query.leaderboard': permit(ROLES, SHARED_CONTENT),
} satisfies PermissionTable;
