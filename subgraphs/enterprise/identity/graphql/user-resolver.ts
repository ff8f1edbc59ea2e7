import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { isOperatorRole, type Role } from '../../../../platform/auth/auth-context';
import { loadState } from '../../../../platform/commands/command-handler';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { notFound } from '../../../../platform/errors';
import { nodesConnectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requireAuth, requirePlatformAdmin, requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { userStreamId } from '../../../../schema/events';
import { USERS_COLLECTION, type UserDocument } from '../../../../schema/read-models/identity';
import { users } from '../domain/command-handlers';
import { userDecider } from '../domain/user-decider';
import { endOpenSessions } from '../end-sessions';
import { RoleName, User, UserConnection } from './user-types';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => UserConnection, { description: "A tenant's users, in order of registration (first sign-in)." })
  async users(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() context: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<UserConnection> {
    requireTenantAccess(context, tenantId);
    assertPageSize(first);
    const page = await this.userCollection().find({ where: { tenantId }, sort: [{ field: 'registeredAt', direction: 'asc' }], first, after: after ?? undefined });
    return nodesConnectionOf(page, toUser);
  }

  @Mutation(() => User, { description: 'Grants a tenant role to a user; it takes effect at their next sign-in or refresh.' })
  grantRole(@Arg('userId', () => ID) userId: string, @Arg('role', () => RoleName) role: Role, @Ctx() context: SubgraphContext): Promise<User> {
    return this.changeRole(context, userId, role, 'GrantRole');
  }

  @Mutation(() => User, {
    description: "Takes back a granted role and ends the user's open sessions; roles from the provider mapping are changed at the provider.",
  })
  revokeRole(@Arg('userId', () => ID) userId: string, @Arg('role', () => RoleName) role: Role, @Ctx() context: SubgraphContext): Promise<User> {
    return this.changeRole(context, userId, role, 'RevokeRole');
  }

  private async changeRole(context: SubgraphContext, userId: string, role: Role, type: 'GrantRole' | 'RevokeRole'): Promise<User> {
    const auth = requireAuth(context);
    const state = await loadState(this.deps, userDecider, userStreamId(userId));
    if (state.status === 'absent') throw notFound('User', userId);
    requireVisibleItem(context, state.tenantId, () => notFound('User', userId));
    // Only a platform-admin gives an operator role, and only in the operators' tenant (the decider checks that).
    if (isOperatorRole(role)) requirePlatformAdmin(context);
    const caller = callerOf(context);
    const command = { type, userId, tenantId: state.tenantId, role, by: auth.subject, at: this.deps.clock().toISOString(), allowPlatformAdmin: state.tenantId === this.deps.config.signIn.operatorTenantId };
    const result = await executeCommand(this.deps, caller, users, command, { tenantId: state.tenantId, waitForReadModels: false });
    // A revoked role must not live on in tokens already issued: the user signs in again.
    const ended = type === 'RevokeRole' && result.appended.length > 0 ? await endOpenSessions(this.deps, caller, { tenantId: state.tenantId, userId }, 'role-revoked') : 0;
    await this.deps.waitForReadModels(Math.max(result.position, ended));
    const user = await this.userCollection().get(userId);
    if (!user) throw notFound('User', userId);
    return toUser(user);
  }

  private userCollection() {
    return this.deps.readStore.collection<UserDocument>(USERS_COLLECTION);
  }
}

function toUser(document: UserDocument): User {
  return { ...document, roles: [...document.roles], providerRoles: [...document.providerRoles], grantedRoles: [...document.grantedRoles] };
}
