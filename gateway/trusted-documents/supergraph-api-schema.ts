import { ApolloGateway } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';

/** The schema clients see through the gateway (the supergraph without its join and link machinery), built without calling any subgraph. */
export async function supergraphApiSchema(supergraphSdl: string): Promise<GraphQLSchema> {
  const gateway = new ApolloGateway({ supergraphSdl });
  try {
    return (await gateway.load()).schema;
  } finally {
    await gateway.stop();
  }
}
