import type { Router } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { SubgraphName } from '../platform/config';
import type { SubgraphDependencies } from '../platform/graphql/subgraph-dependencies';
import { buildCommunitySubgraph } from '../subgraphs/community/server';
import { buildEnterpriseSubgraph, enterpriseRoutes } from '../subgraphs/enterprise/server';
import { buildOptimizationSubgraph, startOptimizationBackgroundWork, startOptimizationReplicaWork } from '../subgraphs/optimization/server';
import { buildScalingSubgraph, startScalingBackgroundWork } from '../subgraphs/scaling/server';

/** Every subgraph by name, with the port it takes when started on its own and any background work. */
export interface SubgraphEntry {
  readonly defaultPort: number;
  build(deps: SubgraphDependencies): Promise<GraphQLSchema>;
  /** Work every process serving the subgraph also does (solve jobs, each claimed by a lease); answers how to stop it. */
  startReplicaWork?(deps: SubgraphDependencies): Promise<() => Promise<void>>;
  /** Work one process serving the subgraph does at a time (schedulers, triggers, refreshers; app/subgraph-work.ts); answers how to stop it. */
  startBackgroundWork?(deps: SubgraphDependencies): Promise<() => Promise<void>>;
  /** Plain HTTP routes served beside /graphql (the SAML browser flow). */
  routes?(deps: SubgraphDependencies): Router;
}

export const SUBGRAPHS: Readonly<Record<SubgraphName, SubgraphEntry>> = {
  optimization: { defaultPort: 4001, build: buildOptimizationSubgraph, startReplicaWork: startOptimizationReplicaWork, startBackgroundWork: startOptimizationBackgroundWork },
  scaling: { defaultPort: 4002, build: buildScalingSubgraph, startBackgroundWork: startScalingBackgroundWork },
  enterprise: { defaultPort: 4003, build: buildEnterpriseSubgraph, routes: enterpriseRoutes },
  community: { defaultPort: 4004, build: buildCommunitySubgraph },
};
