import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { DateTimeScalar } from '../../schema/graphql/scalars';
import type { TenantProfileDocument } from '../../schema/read-models/tenants';
import { requireTenantAccess, type SubgraphContext } from './subgraph-context';
import type { SubgraphDependencies } from './subgraph-dependencies';
import type { FederatedSchemaOptions } from './build-federated-schema';

export interface TenantProfileModuleOptions {
  /** GraphQL type of the profile, e.g. `OptimizationProfile`. */
  readonly profileTypeName: string;
  /** Field the subgraph adds to `Tenant`, e.g. `optimizationProfile`. */
  readonly fieldName: string;
  /** Read model the subgraph's own projection keeps, one document per tenant. */
  readonly collection: string;
  readonly description: string;
}

/**
 * The wiring by which a subgraph contributes a field to the enterprise-owned `Tenant` entity
 * from a read model of its own: a `Tenant @key(fields: "id")` reference type, its reference
 * resolver (which checks tenant scope), and the field resolver reading the profile.
 */
export function tenantProfileModule(options: TenantProfileModuleOptions): Pick<FederatedSchemaOptions, 'resolvers' | 'orphanedTypes' | 'extraResolvers'> {
  @ObjectType(options.profileTypeName, { description: options.description })
  class TenantProfile {
    @Field(() => ID)
    tenantId!: string;

    @Field(() => DateTimeScalar, { description: 'When this subgraph first saw the tenant.' })
    createdAt!: string;
  }

  @ObjectType('Tenant')
  @Directive('@key(fields: "id")')
  class TenantReference {
    @Field(() => ID)
    id!: string;
  }

  @Resolver(() => TenantReference)
  class TenantProfileResolver {
    constructor(private readonly deps: SubgraphDependencies) {}

    @FieldResolver(() => TenantProfile, { name: options.fieldName, nullable: true })
    async profile(@Root() tenant: TenantReference, @Ctx() context: SubgraphContext): Promise<TenantProfile | undefined> {
      requireTenantAccess(context, tenant.id);
      const document = await this.deps.readStore.collection<TenantProfileDocument>(options.collection).get(tenant.id);
      return document && { tenantId: document.tenantId, createdAt: document.createdAt };
    }
  }

  return {
    resolvers: [TenantProfileResolver],
    orphanedTypes: [TenantReference],
    extraResolvers: {
      Tenant: {
        __resolveReference: (reference: { id: string }, context: SubgraphContext) => {
          requireTenantAccess(context, reference.id);
          return { id: reference.id };
        },
      },
    },
  };
}
