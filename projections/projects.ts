import { PROJECT_CATEGORY, type ProjectEvent } from '../schema/events';
import { PROJECT_MEMBERS_COLLECTION, PROJECTS_COLLECTION, projectAudience, projectMemberId, type ProjectDocument, type ProjectMemberDocument } from '../schema/read-models/portal';
import type { Projection, ProjectionContext } from './projection';

/** Each project as it stands, and one document per member so a developer's projects are one indexed read. */
export const projectsProjection: Projection = {
  name: 'projects',
  collections: [
    { name: PROJECTS_COLLECTION, indexes: ['tenantId', 'audience', 'createdAt'] },
    { name: PROJECT_MEMBERS_COLLECTION, indexes: ['userId', 'tenantId', 'audience', 'addedAt'] },
  ],
  filter: { categories: [PROJECT_CATEGORY] },
  async handle(recorded, context) {
    const event = recorded as unknown as ProjectEvent;
    if (event.type === 'ProjectCreated') {
      const { projectId, tenantId, name, description, visibility, createdBy, createdAt } = event.data;
      const audience = projectAudience(visibility, tenantId);
      const owner = { userId: createdBy, role: 'OWNER' as const, addedAt: createdAt };
      context.upsert(PROJECTS_COLLECTION, { id: projectId, tenantId, name, description, visibility, audience, members: [owner], algorithmIds: [], createdBy, createdAt, updatedAt: createdAt } satisfies ProjectDocument);
      context.upsert(PROJECT_MEMBERS_COLLECTION, { id: projectMemberId(projectId, createdBy), projectId, tenantId, ...owner, audience } satisfies ProjectMemberDocument);
      return;
    }
    const project = await context.get<ProjectDocument>(PROJECTS_COLLECTION, event.data.projectId);
    if (!project) return;
    const next = applied(project, event);
    context.upsert(PROJECTS_COLLECTION, next);
    if (event.type === 'ProjectUpdated' && next.audience !== project.audience) moveMembers(context, next);
    const member = event.type === 'ProjectMemberAdded' && next.members.find((entry) => entry.userId === event.data.userId);
    if (member) context.upsert(PROJECT_MEMBERS_COLLECTION, { id: projectMemberId(project.id, member.userId), projectId: project.id, tenantId: project.tenantId, ...member, audience: next.audience } satisfies ProjectMemberDocument);
    if (event.type === 'ProjectMemberRemoved') context.delete(PROJECT_MEMBERS_COLLECTION, projectMemberId(project.id, event.data.userId));
  },
};

function applied(project: ProjectDocument, event: Exclude<ProjectEvent, { type: 'ProjectCreated' }>): ProjectDocument {
  switch (event.type) {
    case 'ProjectUpdated': {
      const { name, description, visibility, updatedAt } = event.data;
      return { ...project, name, description, visibility, audience: projectAudience(visibility, project.tenantId), updatedAt };
    }
    case 'ProjectMemberAdded': {
      const { userId, role, addedAt } = event.data;
      const known = project.members.find((member) => member.userId === userId);
      const members = known ? project.members.map((member) => (member.userId === userId ? { ...member, role } : member)) : [...project.members, { userId, role, addedAt }];
      return { ...project, members, updatedAt: addedAt };
    }
    case 'ProjectMemberRemoved':
      return { ...project, members: project.members.filter((member) => member.userId !== event.data.userId), updatedAt: event.data.removedAt };
    case 'ProjectAlgorithmLinked':
      return { ...project, algorithmIds: [...project.algorithmIds.filter((id) => id !== event.data.algorithmId), event.data.algorithmId], updatedAt: event.data.linkedAt };
    case 'ProjectAlgorithmUnlinked':
      return { ...project, algorithmIds: project.algorithmIds.filter((id) => id !== event.data.algorithmId), updatedAt: event.data.unlinkedAt };
  }
}

/** A project that changes visibility takes its member documents along, so a developer's project list stays filtered right. */
function moveMembers(context: ProjectionContext, project: ProjectDocument): void {
  for (const member of project.members) context.patch(PROJECT_MEMBERS_COLLECTION, projectMemberId(project.id, member.userId), { audience: project.audience });
}
