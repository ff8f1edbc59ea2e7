import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES } from '../platform/config';
import type { SubgraphDependencies } from '../platform/graphql/subgraph-dependencies';
import { SUBGRAPHS } from './subgraph-catalog';

/** Resolvers are created lazily, so building a schema for its SDL never touches these. */
const noDependencies = new Proxy({} as SubgraphDependencies, {
  get(_target, property) {
    throw new Error(`Composition does not run resolvers (asked for ${String(property)})`);
  },
});

/**
 * Composes the four subgraph schemas into the supergraph SDL. URLs are the split-mode defaults;
 * the gateway replaces them with the URLs it is configured with.
 */
export async function composeSupergraph(): Promise<string> {
  const services = await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => ({
      name,
      url: `http://127.0.0.1:${SUBGRAPHS[name].defaultPort}/graphql`,
      typeDefs: parse(printSubgraphSchema(await SUBGRAPHS[name].build(noDependencies))),
    })),
  );
  const result = composeServices(services);
  if (result.errors) throw new Error(`Supergraph composition failed:\n${result.errors.map((error) => error.message).join('\n')}`);
  return result.supergraphSdl;
}
