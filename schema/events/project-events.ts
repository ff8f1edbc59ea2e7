import type { DomainEvent } from '../../platform/commands/decider';

/**
 * A developer-portal project, `project-<projectId>` (the seed's `manage_projects`): owned by the
 * tenant that created it; a PRIVATE project is seen only there, a PUBLIC one by every signed-in user.
 */
export const PROJECT_CATEGORY = 'project';
export const projectStreamId = (projectId: string): string => `${PROJECT_CATEGORY}-${projectId}`;

export const PROJECT_VISIBILITIES = ['PRIVATE', 'PUBLIC'] as const;
export type ProjectVisibility = (typeof PROJECT_VISIBILITIES)[number];
export const PROJECT_ROLES = ['OWNER', 'MAINTAINER', 'CONTRIBUTOR'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

interface ProjectFact {
  readonly projectId: string;
  readonly tenantId: string;
}

/** The creator becomes the project's first OWNER. */
export type ProjectCreated = DomainEvent<'ProjectCreated', ProjectFact & { readonly name: string; readonly description: string; readonly visibility: ProjectVisibility; readonly createdBy: string; readonly createdAt: string }>;
/** The project's name, description and visibility after the change. */
export type ProjectUpdated = DomainEvent<'ProjectUpdated', ProjectFact & { readonly name: string; readonly description: string; readonly visibility: ProjectVisibility; readonly updatedBy: string; readonly updatedAt: string }>;
/** A user (by subject id) joins the project, or an existing member's role changes. */
export type ProjectMemberAdded = DomainEvent<'ProjectMemberAdded', ProjectFact & { readonly userId: string; readonly role: ProjectRole; readonly addedBy: string; readonly addedAt: string }>;
export type ProjectMemberRemoved = DomainEvent<'ProjectMemberRemoved', ProjectFact & { readonly userId: string; readonly removedBy: string; readonly removedAt: string }>;
export type ProjectAlgorithmLinked = DomainEvent<'ProjectAlgorithmLinked', ProjectFact & { readonly algorithmId: string; readonly linkedBy: string; readonly linkedAt: string }>;
export type ProjectAlgorithmUnlinked = DomainEvent<'ProjectAlgorithmUnlinked', ProjectFact & { readonly algorithmId: string; readonly unlinkedBy: string; readonly unlinkedAt: string }>;

export type ProjectEvent = ProjectCreated | ProjectUpdated | ProjectMemberAdded | ProjectMemberRemoved | ProjectAlgorithmLinked | ProjectAlgorithmUnlinked;

export const PROJECT_EVENT_VERSIONS: Readonly<Record<ProjectEvent['type'], number>> = {
  ProjectCreated: 1,
  ProjectUpdated: 1,
  ProjectMemberAdded: 1,
  ProjectMemberRemoved: 1,
  ProjectAlgorithmLinked: 1,
  ProjectAlgorithmUnlinked: 1,
};
