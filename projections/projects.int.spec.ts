import { projectStreamId, type ProjectEvent } from '../schema/events';
import { PROJECT_MEMBERS_COLLECTION, PROJECTS_COLLECTION } from '../schema/read-models/portal';
import { describeProjection, stream } from '../test/support/projection-spec';
import { projectsProjection } from './projects';

const at = '2026-03-02T10:00:00.000Z';
const later = '2026-03-03T10:00:00.000Z';
const fact = { projectId: 'p1', tenantId: 'acme' };
const created: ProjectEvent = { type: 'ProjectCreated', data: { ...fact, name: 'Routing', description: 'Vans', visibility: 'PRIVATE', createdBy: 'ada', createdAt: at } };
const graceJoined: ProjectEvent = { type: 'ProjectMemberAdded', data: { ...fact, userId: 'grace', role: 'CONTRIBUTOR', addedBy: 'ada', addedAt: at } };

describeProjection(projectsProjection, (spec) => {
  const project = stream<ProjectEvent>(projectStreamId('p1'), 'acme');

  it('keeps members, roles and linked algorithms, and moves every member document along when the project goes public', () =>
    spec
      .given(project(created), project(graceJoined), project({ type: 'ProjectMemberAdded', data: { ...fact, userId: 'linus', role: 'CONTRIBUTOR', addedBy: 'ada', addedAt: at } }))
      .when(
        project({ type: 'ProjectMemberAdded', data: { ...fact, userId: 'grace', role: 'MAINTAINER', addedBy: 'ada', addedAt: later } }),
        project({ type: 'ProjectMemberRemoved', data: { ...fact, userId: 'linus', removedBy: 'ada', removedAt: later } }),
        project({ type: 'ProjectAlgorithmLinked', data: { ...fact, algorithmId: 'a1', linkedBy: 'ada', linkedAt: later } }),
        project({ type: 'ProjectUpdated', data: { ...fact, name: 'Routing', description: 'Vans and bikes', visibility: 'PUBLIC', updatedBy: 'ada', updatedAt: later } }),
      )
      .then({
        [PROJECTS_COLLECTION]: [
          {
            id: 'p1',
            tenantId: 'acme',
            name: 'Routing',
            description: 'Vans and bikes',
            visibility: 'PUBLIC',
            audience: 'public',
            members: [
              { userId: 'ada', role: 'OWNER', addedAt: at },
              { userId: 'grace', role: 'MAINTAINER', addedAt: at },
            ],
            algorithmIds: ['a1'],
            createdBy: 'ada',
            createdAt: at,
            updatedAt: later,
          },
        ],
        [PROJECT_MEMBERS_COLLECTION]: [
          { id: 'p1|ada', projectId: 'p1', tenantId: 'acme', userId: 'ada', role: 'OWNER', audience: 'public', addedAt: at },
          { id: 'p1|grace', projectId: 'p1', tenantId: 'acme', userId: 'grace', role: 'MAINTAINER', audience: 'public', addedAt: at },
        ],
      }));

  it('keeps a private project’s audience to its tenant', () =>
    spec.when(project(created)).then({ [PROJECTS_COLLECTION]: { p1: expect.objectContaining({ audience: 'acme', visibility: 'PRIVATE' }) } }));
});
