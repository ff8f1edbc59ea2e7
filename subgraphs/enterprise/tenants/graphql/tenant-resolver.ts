import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { hasRole } from '../../../../platform/auth/auth-context';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { notFound } from '../../../../platform/errors';
import { connectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { requireAuth, requirePlatformAdmin, requireTenantAccess, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { TENANTS_COLLECTION, type TenantDocument } from '../../../../schema/read-models/tenants';
import { tenants } from '../domain/command-handlers';
import type { TenantCommand } from '../domain/tenant-decider';
import { findTenant, toTenant } from './tenant-lookup';
import { CreateTenantInput, Tenant, TenantConnection } from './tenant-types';

/** A tenant-admin's list has one entry; any `after` ends it. */
const OWN_TENANT_CURSOR = 'own-tenant';

@Resolver(() => Tenant)
export class TenantResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => Tenant, { nullable: true, description: 'A tenant you may see, or null when it does not exist.' })
  async tenant(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Tenant | undefined> {
    requireTenantAccess(context, id);
    return this.findTenant(id);
  }

  @Query(() => TenantConnection, { description: 'Tenants you may see, oldest first. A TENANT_ADMIN sees its own tenant only.' })
  async tenants(
    @Ctx() context: SubgraphContext,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<TenantConnection> {
    const auth = requireAuth(context);
    assertPageSize(first);
    if (!hasRole(auth, 'PLATFORM_ADMIN')) {
      const own = auth.tenantId && !after ? await this.findTenant(auth.tenantId) : undefined;
      return { edges: own ? [{ cursor: OWN_TENANT_CURSOR, node: own }] : [], pageInfo: { endCursor: own && OWN_TENANT_CURSOR, hasNextPage: false } };
    }
    const page = await this.deps.readStore
      .collection<TenantDocument>(TENANTS_COLLECTION)
      .find({ sort: [{ field: 'createdAt', direction: 'asc' }], first, after: after ?? undefined });
    return connectionOf(page, toTenant);
  }

  @Mutation(() => Tenant, { description: 'Registers a new tenant. Platform administrators only.' })
  async createTenant(@Arg('input', () => CreateTenantInput) input: CreateTenantInput, @Ctx() context: SubgraphContext): Promise<Tenant> {
    requirePlatformAdmin(context);
    const tenantId = randomUUID();
    return this.execute(context, { type: 'CreateTenant', tenantId, name: input.name, requestedAt: this.deps.clock().toISOString() });
  }

  @Mutation(() => Tenant, { description: "Changes a tenant's display name." })
  async renameTenant(
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) name: string,
    @Ctx() context: SubgraphContext,
  ): Promise<Tenant> {
    requireTenantAccess(context, id);
    return this.execute(context, { type: 'RenameTenant', tenantId: id, name, requestedAt: this.deps.clock().toISOString() });
  }

  /** Decide and append, then answer from the read model once it has folded what was written. */
  private async execute(context: SubgraphContext, command: TenantCommand): Promise<Tenant> {
    await executeCommand(this.deps, callerOf(context), tenants, command, { tenantId: command.tenantId });
    const tenant = await this.findTenant(command.tenantId);
    if (!tenant) throw notFound('Tenant', command.tenantId);
    return tenant;
  }

  private findTenant(id: string): Promise<Tenant | undefined> {
    return findTenant(this.deps.readStore, id);
  }
}
