import { ApolloGateway } from '@apollo/gateway';
import type { GraphQLSchema } from 'graphql';
import { readSupergraph } from '../../../schema/supergraph';
import { compileEndpoint, type CompiledEndpoint } from '../compile-endpoint';
import { REST_ENDPOINTS } from '../rest-operations';

let loaded: Promise<GraphQLSchema> | undefined;

/** The API schema the gateway serves from the checked-in supergraph (no subgraph is called to load it). */
export function gatewayApiSchema(): Promise<GraphQLSchema> {
  loaded ??= (async () => {
    const gateway = new ApolloGateway({ supergraphSdl: readSupergraph() });
    const { schema } = await gateway.load();
    await gateway.stop();
    return schema;
  })();
  return loaded;
}

/** Every REST endpoint compiled against that schema, by path. */
export async function compiledEndpoints(): Promise<Map<string, CompiledEndpoint>> {
  const schema = await gatewayApiSchema();
  return new Map(REST_ENDPOINTS.map((endpoint) => [endpoint.path, compileEndpoint(schema, endpoint)]));
}
