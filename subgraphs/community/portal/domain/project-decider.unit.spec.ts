import { deciderSpec } from '../../../../test/support/decider-spec';
import type { ProjectEvent, ProjectRole } from '../../../../schema/events';
import { projectDecider, type ProjectCommand } from './project-decider';

const spec = deciderSpec(projectDecider);
const at = '2026-03-02T10:00:00.000Z';
const fact = { projectId: 'p1', tenantId: 'acme' };
const acting = { projectId: 'p1', by: 'ada', at };
const created: ProjectEvent = { type: 'ProjectCreated', data: { ...fact, name: 'Routing', description: '', visibility: 'PRIVATE', createdBy: 'ada', createdAt: at } };
const memberAdded = (userId: string, role: ProjectRole): ProjectEvent => ({ type: 'ProjectMemberAdded', data: { ...fact, userId, role, addedBy: 'ada', addedAt: at } });
const addMember = (userId: string, role: ProjectRole): ProjectCommand => ({ ...acting, type: 'AddProjectMember', userId, role });
const removeMember = (userId: string): ProjectCommand => ({ ...acting, type: 'RemoveProjectMember', userId });
const link: ProjectCommand = { ...acting, type: 'LinkProjectAlgorithm', algorithmId: 'a1' };
const linked: ProjectEvent = { type: 'ProjectAlgorithmLinked', data: { ...fact, algorithmId: 'a1', linkedBy: 'ada', linkedAt: at } };

describe('project decider', () => {
  it('creates a project in the given tenant, with a trimmed name', () => {
    spec.given([]).when({ ...acting, type: 'CreateProject', tenantId: 'acme', settings: { name: ' Routing ', description: '', visibility: 'PRIVATE' } }).then([created]);
  });

  it('refuses an empty name and a second creation', () => {
    spec.given([]).when({ ...acting, type: 'CreateProject', tenantId: 'acme', settings: { name: '', description: '', visibility: 'PUBLIC' } }).thenRejects('BAD_USER_INPUT', /name/);
    spec.given([created]).when({ ...acting, type: 'CreateProject', tenantId: 'acme', settings: { name: 'Other', description: '', visibility: 'PUBLIC' } }).thenRejects('CONFLICT');
  });

  it('updates only what is given, and records nothing when nothing changes', () => {
    spec.given([created]).when({ ...acting, type: 'UpdateProject', changes: { visibility: 'PUBLIC' } }).then([
      { type: 'ProjectUpdated', data: { ...fact, name: 'Routing', description: '', visibility: 'PUBLIC', updatedBy: 'ada', updatedAt: at } },
    ]);
    spec.given([created]).when({ ...acting, type: 'UpdateProject', changes: { name: 'Routing' } }).then([]);
  });

  it('adds members, changes a member’s role, and ignores adding a member with the role they hold', () => {
    spec.given([created]).when(addMember('grace', 'CONTRIBUTOR')).then([memberAdded('grace', 'CONTRIBUTOR')]);
    spec.given([created, memberAdded('grace', 'CONTRIBUTOR')]).when(addMember('grace', 'MAINTAINER')).then([memberAdded('grace', 'MAINTAINER')]);
    spec.given([created, memberAdded('grace', 'CONTRIBUTOR')]).when(addMember('grace', 'CONTRIBUTOR')).then([]);
  });

  it('keeps an OWNER: the creator is the first, and the last one can be neither removed nor demoted', () => {
    spec.given([created]).when(removeMember('ada')).thenRejects('CONFLICT', /last OWNER/);
    spec.given([created]).when(addMember('ada', 'CONTRIBUTOR')).thenRejects('CONFLICT', /last OWNER/);
    spec.given([created, memberAdded('grace', 'OWNER')]).when(removeMember('ada')).then([
      { type: 'ProjectMemberRemoved', data: { ...fact, userId: 'ada', removedBy: 'ada', removedAt: at } },
    ]);
  });

  it('refuses to remove someone who is not a member', () => {
    spec.given([created]).when(removeMember('nobody')).thenRejects('NOT_FOUND');
  });

  it('links an algorithm once, and unlinks only a linked one', () => {
    spec.given([created]).when(link).then([linked]);
    spec.given([created, linked]).when(link).then([]);
    spec.given([created, linked]).when({ ...acting, type: 'UnlinkProjectAlgorithm', algorithmId: 'a1' }).then([
      { type: 'ProjectAlgorithmUnlinked', data: { ...fact, algorithmId: 'a1', unlinkedBy: 'ada', unlinkedAt: at } },
    ]);
    spec.given([created]).when({ ...acting, type: 'UnlinkProjectAlgorithm', algorithmId: 'a1' }).thenRejects('NOT_FOUND');
  });

  it('refuses every change to a project that does not exist', () => {
    spec.given([]).when(link).thenRejects('NOT_FOUND');
  });
});
