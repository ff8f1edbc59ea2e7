import { DomainError, type Decider } from '../../../../platform/commands/decider';
import { ErrorCode } from '../../../../platform/errors';
import type { ProjectEvent, ProjectRole, ProjectVisibility } from '../../../../schema/events';

export type ProjectState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      readonly tenantId: string;
      readonly name: string;
      readonly description: string;
      readonly visibility: ProjectVisibility;
      readonly members: ReadonlyMap<string, ProjectRole>;
      readonly algorithmIds: ReadonlySet<string>;
    };

export interface ProjectSettings {
  readonly name: string;
  readonly description: string;
  readonly visibility: ProjectVisibility;
}

interface Acting {
  readonly projectId: string;
  readonly by: string;
  readonly at: string;
}

export type ProjectCommand =
  | (Acting & { readonly type: 'CreateProject'; readonly tenantId: string; readonly settings: ProjectSettings })
  | (Acting & { readonly type: 'UpdateProject'; readonly changes: Partial<ProjectSettings> })
  | (Acting & { readonly type: 'AddProjectMember'; readonly userId: string; readonly role: ProjectRole })
  | (Acting & { readonly type: 'RemoveProjectMember'; readonly userId: string })
  | (Acting & { readonly type: 'LinkProjectAlgorithm'; readonly algorithmId: string })
  | (Acting & { readonly type: 'UnlinkProjectAlgorithm'; readonly algorithmId: string });

export const PROJECT_LIMITS = { name: 100, description: 2000, members: 500, algorithms: 50, userId: 200 } as const;

type Existing = Extract<ProjectState, { exists: true }>;

/**
 * A project of the developer portal (the seed's `manage_projects`). Its creator is its first OWNER,
 * and it always keeps one: the last OWNER can be neither removed nor given another role. Adding a
 * member with the role they hold, or linking a linked algorithm, changes nothing.
 */
export const projectDecider: Decider<ProjectState, ProjectCommand, ProjectEvent> = {
  initialState: () => ({ exists: false }),

  evolve(state, event) {
    if (event.type === 'ProjectCreated') {
      const { tenantId, name, description, visibility, createdBy } = event.data;
      return { exists: true, tenantId, name, description, visibility, members: new Map([[createdBy, 'OWNER']]), algorithmIds: new Set() };
    }
    if (!state.exists) return state;
    switch (event.type) {
      case 'ProjectUpdated':
        return { ...state, name: event.data.name, description: event.data.description, visibility: event.data.visibility };
      case 'ProjectMemberAdded':
        return { ...state, members: new Map([...state.members, [event.data.userId, event.data.role]]) };
      case 'ProjectMemberRemoved':
        return { ...state, members: new Map([...state.members].filter(([userId]) => userId !== event.data.userId)) };
      case 'ProjectAlgorithmLinked':
        return { ...state, algorithmIds: new Set([...state.algorithmIds, event.data.algorithmId]) };
      case 'ProjectAlgorithmUnlinked':
        return { ...state, algorithmIds: new Set([...state.algorithmIds].filter((id) => id !== event.data.algorithmId)) };
    }
  },

  decide(command, state) {
    if (command.type === 'CreateProject') {
      if (state.exists) throw new DomainError(ErrorCode.Conflict, `Project ${command.projectId} already exists.`);
      const settings = validSettings(command.settings);
      return [{ type: 'ProjectCreated', data: { projectId: command.projectId, tenantId: command.tenantId, ...settings, createdBy: command.by, createdAt: command.at } }];
    }
    if (!state.exists) throw new DomainError(ErrorCode.NotFound, `Project ${command.projectId} does not exist.`);
    const fact = { projectId: command.projectId, tenantId: state.tenantId };
    switch (command.type) {
      case 'UpdateProject': {
        const settings = validSettings({ name: command.changes.name ?? state.name, description: command.changes.description ?? state.description, visibility: command.changes.visibility ?? state.visibility });
        if (settings.name === state.name && settings.description === state.description && settings.visibility === state.visibility) return [];
        return [{ type: 'ProjectUpdated', data: { ...fact, ...settings, updatedBy: command.by, updatedAt: command.at } }];
      }
      case 'AddProjectMember': {
        const userId = validUserId(command.userId);
        const current = state.members.get(userId);
        if (current === command.role) return [];
        if (current === undefined && state.members.size >= PROJECT_LIMITS.members) refuse(`A project has at most ${PROJECT_LIMITS.members} members.`, 'userId');
        if (current === 'OWNER') keepAnOwner(state, userId);
        return [{ type: 'ProjectMemberAdded', data: { ...fact, userId, role: command.role, addedBy: command.by, addedAt: command.at } }];
      }
      case 'RemoveProjectMember': {
        const role = state.members.get(command.userId);
        if (role === undefined) throw new DomainError(ErrorCode.NotFound, `${command.userId} is not a member of project ${command.projectId}.`);
        if (role === 'OWNER') keepAnOwner(state, command.userId);
        return [{ type: 'ProjectMemberRemoved', data: { ...fact, userId: command.userId, removedBy: command.by, removedAt: command.at } }];
      }
      case 'LinkProjectAlgorithm': {
        if (state.algorithmIds.has(command.algorithmId)) return [];
        if (state.algorithmIds.size >= PROJECT_LIMITS.algorithms) refuse(`A project links at most ${PROJECT_LIMITS.algorithms} algorithms.`, 'algorithmId');
        return [{ type: 'ProjectAlgorithmLinked', data: { ...fact, algorithmId: command.algorithmId, linkedBy: command.by, linkedAt: command.at } }];
      }
      case 'UnlinkProjectAlgorithm': {
        if (!state.algorithmIds.has(command.algorithmId)) throw new DomainError(ErrorCode.NotFound, `Algorithm ${command.algorithmId} is not linked to project ${command.projectId}.`);
        return [{ type: 'ProjectAlgorithmUnlinked', data: { ...fact, algorithmId: command.algorithmId, unlinkedBy: command.by, unlinkedAt: command.at } }];
      }
    }
  },
};

function validSettings(settings: ProjectSettings): ProjectSettings {
  const name = settings.name.trim();
  const description = settings.description.trim();
  if (name.length === 0 || name.length > PROJECT_LIMITS.name) refuse(`name needs 1 to ${PROJECT_LIMITS.name} characters.`, 'input.name');
  if (description.length > PROJECT_LIMITS.description) refuse(`description has at most ${PROJECT_LIMITS.description} characters.`, 'input.description');
  return { name, description, visibility: settings.visibility };
}

function validUserId(userId: string): string {
  const trimmed = userId.trim();
  if (trimmed.length === 0 || trimmed.length > PROJECT_LIMITS.userId) refuse(`userId is a user's id (the subject of their token), 1 to ${PROJECT_LIMITS.userId} characters.`, 'userId');
  return trimmed;
}

function keepAnOwner(state: Existing, leaving: string): void {
  const otherOwners = [...state.members].filter(([userId, role]) => role === 'OWNER' && userId !== leaving);
  if (otherOwners.length === 0) throw new DomainError(ErrorCode.Conflict, `${leaving} is the project's last OWNER: make another member OWNER first.`, { field: 'userId' });
}

function refuse(message: string, field: string): never {
  throw new DomainError(ErrorCode.BadUserInput, message, { field });
}
