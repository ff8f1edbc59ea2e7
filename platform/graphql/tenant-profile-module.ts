import type { GraphQLScalarType } from 'graphql';
import { Ctx, Directive, Field, FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import type { ReadDocument } from '../readstore/port';
import { requireTenantAccess, type SubgraphContext } from './subgraph-context';
import type { SubgraphDependencies } from './subgraph-dependencies';
import { tenantKeyReference } from './tenant-reference';
import type { FederatedSchemaOptions } from './build-federated-schema';

export interface TenantProfileModuleOptions {
  /** GraphQL type of the profile, e.g. `OptimizationProfile`. */
  readonly profileTypeName: string;
  /** Field the subgraph adds to `Tenant`, e.g. `optimizationProfile`. */
  readonly fieldName: string;
  /** Read model the subgraph's own projection keeps, one document per tenant. */
  readonly collection: string;
  readonly description: string;
  /** The shared `DateTime` scalar (schema/graphql/scalars), so composition sees one definition of it. */
  readonly dateTimeScalar: GraphQLScalarType;
}

/** What the module reads of a profile document (its full shape is the subgraph's read model in schema/). */
interface TenantProfileFields extends ReadDocument {
  readonly tenantId: string;
  readonly createdAt: string;
}

/**
 * The wiring by which a subgraph contributes a field to the enterprise-owned `Tenant` entity
 * from a read model of its own: a `Tenant @key(fields: "id")` reference type, its reference
 * resolver (which checks tenant scope), and the field resolver reading the profile.
 */
export function tenantProfileModule(options: TenantProfileModuleOptions): Pick<FederatedSchemaOptions, 'resolvers' | 'orphanedTypes' | 'extraResolvers'> & { readonly profileType: Function } {
  @ObjectType(options.profileTypeName, { description: options.description })
  class TenantProfile {
    @Field(() => ID)
    tenantId!: string;

    @Field(() => options.dateTimeScalar, { description: 'When this subgraph first saw the tenant.' })
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
      const document = await this.deps.readStore.collection<TenantProfileFields>(options.collection).get(tenant.id);
      return document && { tenantId: document.tenantId, createdAt: document.createdAt };
    }
  }

  return {
    // So a subgraph can resolve more fields of its profile (@Resolver(() => profileType)).
    profileType: TenantProfile,
    resolvers: [TenantProfileResolver],
    orphanedTypes: [TenantReference],
    extraResolvers: tenantKeyReference,
  };
}
