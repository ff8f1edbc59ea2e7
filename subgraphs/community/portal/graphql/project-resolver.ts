import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { canAccessTenant, hasRole, type AuthContext } from '../../../../platform/auth/auth-context';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { notFound } from '../../../../platform/errors';
import { connectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requireAuth, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import type { FieldCondition, Page } from '../../../../platform/readstore/port';
import { PROJECT_MEMBERS_COLLECTION, PROJECTS_COLLECTION, PUBLIC_AUDIENCE, type ProjectDocument, type ProjectMemberDocument } from '../../../../schema/read-models/portal';
import { projects } from '../domain/command-handlers';
import type { ProjectCommand } from '../domain/project-decider';
import { requireKnownAlgorithms } from './known-algorithms';
import { actingTenantOf } from '../../graphql/community-member';
import { CreateProjectInput, Project, ProjectConnection, ProjectRole, UpdateProjectInput, type ProjectVisibility } from './project-types';

/** A command on an existing project, without what every command carries. */
type Change<Command> = Command extends unknown ? Omit<Command, 'projectId' | 'by' | 'at'> : never;
type ProjectChange = Change<Exclude<ProjectCommand, { type: 'CreateProject' }>>;

@Resolver()
export class ProjectResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => Project, { description: "Creates a project in the caller's tenant, with the caller as its OWNER." })
  async createProject(@Arg('input', () => CreateProjectInput) input: CreateProjectInput, @Ctx() context: SubgraphContext): Promise<Project> {
    const tenantId = actingTenantOf(requireAuth(context), this.deps.config);
    const projectId = randomUUID();
    const caller = callerOf(context);
    const settings = { name: input.name, description: input.description ?? '', visibility: input.visibility };
    await executeCommand(this.deps, caller, projects, { type: 'CreateProject', projectId, tenantId, settings, by: caller.actor, at: this.deps.clock().toISOString() }, { tenantId, target: projectId });
    return this.visibleProject(context, projectId);
  }

  @Mutation(() => Project, { description: "Changes a project's name, description or visibility." })
  updateProject(@Arg('input', () => UpdateProjectInput) input: UpdateProjectInput, @Ctx() context: SubgraphContext): Promise<Project> {
    const { projectId, name, description, visibility } = input;
    return this.change(context, projectId, { type: 'UpdateProject', changes: { name: name ?? undefined, description: description ?? undefined, visibility: visibility ?? undefined } });
  }

  @Mutation(() => Project, { description: "Adds a user (by id, the subject of their token) to a project, or changes a member's role." })
  addProjectMember(
    @Arg('projectId', () => ID) projectId: string,
    @Arg('userId', () => String) userId: string,
    @Arg('role', () => ProjectRole) role: ProjectRole,
    @Ctx() context: SubgraphContext,
  ): Promise<Project> {
    return this.change(context, projectId, { type: 'AddProjectMember', userId, role });
  }

  @Mutation(() => Project, { description: 'Removes a member from a project; the last OWNER stays.' })
  removeProjectMember(@Arg('projectId', () => ID) projectId: string, @Arg('userId', () => String) userId: string, @Ctx() context: SubgraphContext): Promise<Project> {
    return this.change(context, projectId, { type: 'RemoveProjectMember', userId });
  }

  @Mutation(() => Project, { description: "Links a marketplace listing (an approved one, or the tenant's own) to a project." })
  async linkProjectAlgorithm(@Arg('projectId', () => ID) projectId: string, @Arg('algorithmId', () => ID) algorithmId: string, @Ctx() context: SubgraphContext): Promise<Project> {
    await requireKnownAlgorithms(this.deps.readStore, requireAuth(context), [algorithmId], 'algorithmId');
    return this.change(context, projectId, { type: 'LinkProjectAlgorithm', algorithmId });
  }

  @Mutation(() => Project)
  unlinkProjectAlgorithm(@Arg('projectId', () => ID) projectId: string, @Arg('algorithmId', () => ID) algorithmId: string, @Ctx() context: SubgraphContext): Promise<Project> {
    return this.change(context, projectId, { type: 'UnlinkProjectAlgorithm', algorithmId });
  }

  @Query(() => ProjectConnection, {
    description:
      "Projects the caller can see (PUBLIC ones and their own tenant's), newest first: of one developer (the projects they are a member of, latest joined first), all, or only the caller's own tenant's (tenantId; another tenant's is FORBIDDEN).",
  })
  async projects(
    @Arg('developerId', () => String, { nullable: true }) developerId: string | undefined,
    @Arg('tenantId', () => ID, { nullable: true }) tenantId: string | undefined,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: SubgraphContext,
  ): Promise<ProjectConnection> {
    assertPageSize(first);
    const where: Record<string, FieldCondition> = { ...audienceOf(requireAuth(context)), ...(tenantId && { tenantId }) };
    if (!developerId) {
      const page = await this.collection().find({ where, sort: [{ field: 'createdAt', direction: 'desc' }], first, after });
      return connectionOf(page, toProject);
    }
    const memberships = await this.deps.readStore.collection<ProjectMemberDocument>(PROJECT_MEMBERS_COLLECTION).find({ where: { ...where, userId: developerId }, sort: [{ field: 'addedAt', direction: 'desc' }], first, after });
    return connectionOf(await this.projectsOf(memberships), toProject);
  }

  @Query(() => Project, { description: "A project: a PRIVATE one only in its tenant (elsewhere it answers as a missing one would)." })
  project(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Project> {
    return this.visibleProject(context, id);
  }

  /** Runs a change on the project; the permission row has already kept it to the project's tenant. */
  private async change(context: SubgraphContext, projectId: string, change: ProjectChange): Promise<Project> {
    const project = await this.collection().get(projectId);
    if (!project) throw notFound('Project', projectId);
    const caller = callerOf(context);
    const command = { ...change, projectId, by: caller.actor, at: this.deps.clock().toISOString() } as ProjectCommand;
    await executeCommand(this.deps, caller, projects, command, { tenantId: project.tenantId, target: projectId });
    return this.visibleProject(context, projectId);
  }

  private async visibleProject(context: SubgraphContext, id: string): Promise<Project> {
    const auth = requireAuth(context);
    const document = await this.collection().get(id);
    if (!document || !(document.audience === PUBLIC_AUDIENCE || canAccessTenant(auth, document.tenantId))) throw notFound('Project', id);
    return toProject(document);
  }

  /** The membership page as a page of their projects, cursors kept, so paging continues over memberships. */
  private async projectsOf(memberships: Page<ProjectMemberDocument>): Promise<Page<ProjectDocument>> {
    const documents = await Promise.all(memberships.items.map((member) => this.collection().get(member.projectId)));
    const found = documents.flatMap((document, index) => (document ? [{ document, cursor: memberships.cursors[index] }] : []));
    return { ...memberships, items: found.map((entry) => entry.document), cursors: found.map((entry) => entry.cursor) };
  }

  private collection() {
    return this.deps.readStore.collection<ProjectDocument>(PROJECTS_COLLECTION);
  }
}

/** PUBLIC projects and the caller's own tenant's; a platform admin sees every project. */
function audienceOf(auth: AuthContext): Record<string, FieldCondition> {
  if (hasRole(auth, 'PLATFORM_ADMIN')) return {};
  return { audience: { in: auth.tenantId ? [PUBLIC_AUDIENCE, auth.tenantId] : [PUBLIC_AUDIENCE] } };
}

function toProject(document: ProjectDocument): Project {
  const { id, tenantId, name, description, algorithmIds, createdBy, createdAt, updatedAt } = document;
  return {
    id,
    tenantId,
    name,
    description,
    visibility: document.visibility as ProjectVisibility,
    members: document.members.map((member) => ({ ...member, role: member.role as ProjectRole })),
    algorithmIds: [...algorithmIds],
    createdBy,
    createdAt,
    updatedAt,
  };
}
