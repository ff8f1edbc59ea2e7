import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { hasRole, type AuthContext } from '../../../platform/auth/auth-context';
import { executeCommand } from '../../../platform/commands/execute-command';
import { servicePrincipal } from '../../../platform/commands/service-principal';
import { badUserInput, notFound } from '../../../platform/errors';
import { requireMarketplace } from '../../../platform/feature-flags';
import { requireAuth, requireVisibleItem, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import type { AlgorithmBenchmarked } from '../../../schema/events';
import {
  ALGORITHM_BENCHMARKS_COLLECTION,
  ALGORITHM_USAGE_COLLECTION,
  algorithmRecipeId,
  OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION,
  OPTIMIZATION_ALGORITHMS_COLLECTION,
  type AlgorithmBenchmarkDocument,
  type AlgorithmRecipeDocument,
  type AlgorithmUsageDocument,
  type OptimizationAlgorithmDocument,
} from '../../../schema/read-models/algorithm-runs';
import { benchmarkRecipe } from '../algorithms/benchmark-recipe';
import { benchmarkSet } from '../algorithms/benchmark-set';
import { algorithmBenchmarks } from '../domain/command-handlers';
import { solveGateFor } from '../solving/solve-gate';
import { AlgorithmBenchmark, AlgorithmUsage } from './algorithm-run-types';
import { ALGORITHM_BENCHMARKER, OPTIMIZATION_PERMISSIONS } from './permissions';

/** Benchmarks kept per listing in an answer, newest first. */
const MAX_BENCHMARKS = 100;

/** What a listing's author sees of its runs, and the evidence of how its recipe performs. */
@Resolver()
export class AlgorithmRunResolver {
  /** Records benchmarks in the listing owner's tenant, whoever asked for them (an author, a moderator). */
  private readonly benchmarker = servicePrincipal(ALGORITHM_BENCHMARKER, 'optimization', OPTIMIZATION_PERMISSIONS);

  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => AlgorithmUsage, { description: "Runs and CPU-seconds of a marketplace algorithm, in total and per version: for its author's tenant only (NOT_FOUND for any other)." })
  async algorithmUsage(@Arg('algorithmId', () => ID) algorithmId: string, @Ctx() context: SubgraphContext): Promise<AlgorithmUsage> {
    const listing = await this.listing(algorithmId);
    requireVisibleItem(context, listing.tenantId, () => notFound('Algorithm', algorithmId));
    const usage = await this.deps.readStore.collection<AlgorithmUsageDocument>(ALGORITHM_USAGE_COLLECTION).get(algorithmId);
    if (!usage) return { algorithmId, runs: 0, cpuSeconds: 0, byVersion: [] };
    return { algorithmId, runs: usage.runs, cpuSeconds: usage.cpuSeconds, byVersion: [...usage.byVersion], lastRunAt: usage.lastRunAt };
  }

  @Query(() => [AlgorithmBenchmark], {
    description: "A listing's benchmarks, newest first, optionally of one version: shared with every signed-in user once a version is approved, before that with its author's tenant and the moderators.",
  })
  async algorithmBenchmarks(
    @Arg('algorithmId', () => ID) algorithmId: string,
    @Ctx() context: SubgraphContext,
    @Arg('version', () => Int, { nullable: true }) version?: number,
  ): Promise<AlgorithmBenchmark[]> {
    const listing = await this.listing(algorithmId);
    if (listing.latestApprovedVersion === null && !mayBenchmark(requireAuth(context), listing)) throw notFound('Algorithm', algorithmId);
    const page = await this.deps.readStore
      .collection<AlgorithmBenchmarkDocument>(ALGORITHM_BENCHMARKS_COLLECTION)
      .find({ where: version == null ? { algorithmId } : { algorithmId, version }, sort: [{ field: 'benchmarkedAt', direction: 'desc' }], first: MAX_BENCHMARKS });
    return page.items.map(toBenchmark);
  }

  @Mutation(() => AlgorithmBenchmark, {
    description:
      "Runs a version's recipe (the newest approved by default) on the published benchmark set (BENCHMARK_INSTANCES_PATH: at most 5 bqp/Gset instances, smallest first, each for the recipe's time limit up to 2 s; without it, 3 seeded random QUBOs), one instance at a time through the synchronous solver, and attaches the measured quality and time to the listing. For the listing's author's tenant (DEVELOPER, TENANT_ADMIN), moderators and platform admins.",
  })
  async benchmarkAlgorithm(@Arg('algorithmId', () => ID) algorithmId: string, @Ctx() context: SubgraphContext, @Arg('version', () => Int, { nullable: true }) version?: number): Promise<AlgorithmBenchmark> {
    const auth = requireAuth(context);
    const listing = await this.listing(algorithmId);
    if (!mayBenchmark(auth, listing)) throw notFound('Algorithm', algorithmId);
    const chosen = version ?? listing.latestApprovedVersion ?? listing.versions[listing.versions.length - 1];
    const recipe = await this.deps.readStore.collection<AlgorithmRecipeDocument>(OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION).get(algorithmRecipeId(algorithmId, chosen));
    if (!recipe) throw notFound('Algorithm version', `${algorithmId} v${chosen}`);
    if (recipe.status === 'REJECTED') throw badUserInput(`Version ${chosen} of algorithm ${algorithmId} was rejected: benchmark an approved version, or one under review.`, 'version');

    const { quboLimits, optimize, community } = this.deps.config;
    const set = benchmarkSet(community.benchmarkInstancesPath, quboLimits);
    const results = await benchmarkRecipe(recipe.recipe, set.instances, { gate: solveGateFor(this.deps, optimize), workers: optimize.workers, limits: quboLimits });
    const benchmark: AlgorithmBenchmarked['data'] = { algorithmId, version: chosen, tenantId: listing.tenantId, benchmarkSet: set.name, results, benchmarkedAt: this.deps.clock().toISOString() };
    const caller = this.benchmarker.caller('benchmarkAlgorithm', context.correlationId, { algorithmId, version: chosen, requestedBy: auth.subject });
    await executeCommand(this.deps, caller, algorithmBenchmarks, { type: 'RecordAlgorithmBenchmark', benchmark }, { tenantId: listing.tenantId });
    return toBenchmark(benchmark);
  }

  /** Every operation here starts from the listing, and so is FEATURE_DISABLED while the marketplace is switched off. */
  private async listing(algorithmId: string): Promise<OptimizationAlgorithmDocument> {
    requireMarketplace(this.deps.config);
    const listing = await this.deps.readStore.collection<OptimizationAlgorithmDocument>(OPTIMIZATION_ALGORITHMS_COLLECTION).get(algorithmId);
    if (!listing) throw notFound('Algorithm', algorithmId);
    return listing;
  }
}

/** The listing's own tenant, and those who review every listing (moderators, platform admins). */
function mayBenchmark(auth: AuthContext, listing: OptimizationAlgorithmDocument): boolean {
  return auth.tenantId === listing.tenantId || hasRole(auth, 'MODERATOR') || hasRole(auth, 'PLATFORM_ADMIN');
}

function toBenchmark(benchmark: AlgorithmBenchmarked['data']): AlgorithmBenchmark {
  return { algorithmId: benchmark.algorithmId, version: benchmark.version, benchmarkSet: benchmark.benchmarkSet, results: benchmark.results.map((result) => ({ ...result })), benchmarkedAt: benchmark.benchmarkedAt };
}
