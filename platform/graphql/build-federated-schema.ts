import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import type { GraphQLSchema } from 'graphql';
import gql from 'graphql-tag';
import { applyMiddleware, type IMiddleware, type IMiddlewareGenerator } from 'graphql-middleware';
import { buildSchema, createResolversMap, type ContainerType, type NonEmptyArray } from 'type-graphql';

export interface FederatedSchemaOptions {
  readonly resolvers: NonEmptyArray<Function>;
  /** Types not reachable from a root field, e.g. entities only reached through `_entities`. */
  readonly orphanedTypes?: Function[];
  /** `__resolveReference` (and any other hand-written) resolvers per type name. */
  readonly extraResolvers?: GraphQLResolverMap<unknown>;
  /** SDL that type-graphql cannot express for us, appended as is. */
  readonly extraTypeDefs?: string;
  /** Creates resolver instances, so resolvers receive their dependencies through the constructor. */
  readonly container: ContainerType;
  /**
   * Field middleware (graphql-middleware) wrapped around the built resolvers, outermost first:
   * the audit trail, the permission shield and the compliance guard come in this way.
   */
  readonly middleware?: readonly (IMiddleware | IMiddlewareGenerator<any, any, any>)[];
}

const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external"])';

/**
 * type-graphql classes → a federated subgraph schema. type-graphql does not know federation,
 * so its schema is printed with the `@key` directives kept, the federation link is prepended,
 * and `@apollo/subgraph` builds the real schema from that SDL with type-graphql's resolvers
 * (DESIGN.md §6 records why this path and not type-graphql's own federation helpers).
 */
export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes,
    container: options.container,
    skipCheck: true,
    validate: false,
  });
  const typeDefs = gql`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}\n${options.extraTypeDefs ?? ''}`;
  const resolvers = mergeResolverMaps(createResolversMap(schema) as GraphQLResolverMap<unknown>, options.extraResolvers ?? {});
  const subgraphSchema = buildSubgraphSchema([{ typeDefs, resolvers }]);
  return options.middleware?.length ? applyMiddleware(subgraphSchema, ...options.middleware) : subgraphSchema;
}

function mergeResolverMaps(base: GraphQLResolverMap<unknown>, extra: GraphQLResolverMap<unknown>): GraphQLResolverMap<unknown> {
  const merged: GraphQLResolverMap<unknown> = { ...base };
  for (const [typeName, fields] of Object.entries(extra)) {
    merged[typeName] = { ...(merged[typeName] as object), ...(fields as object) } as GraphQLResolverMap<unknown>[string];
  }
  return merged;
}
