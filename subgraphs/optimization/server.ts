import type { GraphQLSchema } from 'graphql';
import { buildFederatedSchema } from '../../platform/graphql/build-federated-schema';
import { operationMiddleware } from '../../platform/graphql/operation-middleware';
import { dependencyContainer, type SubgraphDependencies } from '../../platform/graphql/subgraph-dependencies';
import { tenantKeyReference } from '../../platform/graphql/tenant-reference';
import { ConstraintResolver } from './graphql/constraint-resolver';
import { MultiObjectiveResolver } from './graphql/multi-objective-resolver';
import { OptimizationProfileResolver, OptimizationTenant } from './graphql/optimization-profile';
import { OptimizeResolver } from './graphql/optimize-resolver';
import { problemReference } from './graphql/problem-reference';
import { ProblemResolver } from './graphql/problem-resolver';
import { ProblemImportResolver } from './graphql/problem-import-resolver';
import { SolveJobResolver } from './graphql/solve-job-resolver';
import { PerformanceResolver } from './graphql/performance-resolver';
import { EvolutionResolver } from './graphql/evolution-resolver';
import { TriggerResolver } from './graphql/trigger-resolver';
import { PredictionResolver } from './graphql/prediction-resolver';
import { AlgorithmRunResolver } from './graphql/algorithm-run-resolver';
import { ModelRetrainer } from './prediction/model-retrainer';
import { EvolutionTriggerRunner } from './triggers/evolution-trigger-runner';
import { CONSTRAINT_EVOLUTIONS_SUBSCRIPTION_SDL, ConstraintEvolutionMessage } from './graphql/evolution-types';
import { SOLVE_JOB_PROGRESS_SUBSCRIPTION_SDL, SolveJobProgress } from './graphql/solve-job-types';
import { SolveJobRunner } from './jobs/solve-job-runner';
import { solveGateFor } from './solving/solve-gate';
import { solverPools } from '../../platform/metrics/metrics';
import { EVOLUTION_TRIGGER_RUNNER, MODEL_RETRAINER, OPTIMIZATION_PERMISSIONS, SOLVE_JOB_RUNNER } from './graphql/permissions';
import { servicePrincipal } from '../../platform/commands/service-principal';
import { preferKernel } from './engine/kernel/select-kernel';

/** The optimization subgraph: QUBO problems, their constraints, synchronous solves and solve jobs. */
export function buildOptimizationSubgraph(deps: SubgraphDependencies): Promise<GraphQLSchema> {
  return buildFederatedSchema({
    resolvers: [ProblemResolver, ProblemImportResolver, ConstraintResolver, OptimizeResolver, MultiObjectiveResolver, SolveJobResolver, OptimizationProfileResolver, PerformanceResolver, EvolutionResolver, TriggerResolver, PredictionResolver, AlgorithmRunResolver],
    orphanedTypes: [OptimizationTenant, SolveJobProgress, ConstraintEvolutionMessage],
    extraTypeDefs: SOLVE_JOB_PROGRESS_SUBSCRIPTION_SDL + CONSTRAINT_EVOLUTIONS_SUBSCRIPTION_SDL,
    container: dependencyContainer(deps),
    middleware: operationMiddleware(deps, 'optimization', OPTIMIZATION_PERMISSIONS),
    extraResolvers: { ...tenantKeyReference, ...problemReference(deps) },
  });
}

/** Sets the solver kernel and runs solve jobs in every process that serves this subgraph (each job is claimed by a lease, so it runs once); answers how to stop them. */
export async function startOptimizationReplicaWork(deps: SubgraphDependencies): Promise<() => Promise<void>> {
  // SOLVER_KERNEL=wasm without the built module stops the start here, with the remedy.
  preferKernel(deps.config.optimize.kernel);
  const jobs = new SolveJobRunner(deps, servicePrincipal(SOLVE_JOB_RUNNER, 'optimization', OPTIMIZATION_PERMISSIONS));
  await jobs.start();
  const unobserveGate = solverPools.add({ pool: 'synchronous', load: () => solveGateFor(deps, deps.config.optimize).load() });
  return async () => {
    unobserveGate();
    await jobs.stop();
  };
}

/** Fires evolution triggers and retrains prediction models, in one process serving this subgraph at a time; answers how to stop them. */
export async function startOptimizationBackgroundWork(deps: SubgraphDependencies): Promise<() => Promise<void>> {
  const triggers = new EvolutionTriggerRunner(deps, servicePrincipal(EVOLUTION_TRIGGER_RUNNER, 'optimization', OPTIMIZATION_PERMISSIONS), deps.config.evolution.triggerCheckMs);
  const retrainer = new ModelRetrainer(deps, servicePrincipal(MODEL_RETRAINER, 'optimization', OPTIMIZATION_PERMISSIONS));
  await triggers.start();
  retrainer.start();
  return async () => {
    await retrainer.stop();
    await triggers.stop();
  };
}
