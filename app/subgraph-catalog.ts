import type { GraphQLSchema } from 'graphql';
import type { SubgraphName } from '../platform/config';
import type { SubgraphDependencies } from '../platform/graphql/subgraph-dependencies';
import { buildCommunitySubgraph } from '../subgraphs/community/server';
import { buildEnterpriseSubgraph } from '../subgraphs/enterprise/server';
import { buildOptimizationSubgraph } from '../subgraphs/optimization/server';
import { buildScalingSubgraph } from '../subgraphs/scaling/server';

/** Every subgraph by name, with the port it takes when started on its own. */
export const SUBGRAPHS: Readonly<Record<SubgraphName, { readonly defaultPort: number; build(deps: SubgraphDependencies): Promise<GraphQLSchema> }>> = {
  optimization: { defaultPort: 4001, build: buildOptimizationSubgraph },
  scaling: { defaultPort: 4002, build: buildScalingSubgraph },
  enterprise: { defaultPort: 4003, build: buildEnterpriseSubgraph },
  community: { defaultPort: 4004, build: buildCommunitySubgraph },
};
