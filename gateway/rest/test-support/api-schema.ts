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

/** Every REST endpoint compiled against that schema, in table order. */
export async function everyCompiledEndpoint(): Promise<CompiledEndpoint[]> {
  const schema = await gatewayApiSchema();
  return REST_ENDPOINTS.map((endpoint) => compileEndpoint(schema, endpoint));
}

/** The seed's endpoints compiled, by path (each of its paths has one method; the collection path's aliases are left out). */
export async function compiledEndpoints(): Promise<Map<string, CompiledEndpoint>> {
  return new Map((await everyCompiledEndpoint()).filter(({ endpoint }) => endpoint.operationId === undefined).map((compiled) => [compiled.endpoint.path, compiled]));
}
