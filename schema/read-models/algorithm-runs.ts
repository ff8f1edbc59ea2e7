import type { AlgorithmRecipe, LicenseType } from '../events/algorithm-events';
import type { AlgorithmBenchmarkResult } from '../events/algorithm-benchmark-events';

/*
 * What the optimization subgraph knows of the marketplace, folded from the community's events
 * (it never imports the community subgraph): which recipes exist and which tenants may run them,
 * and what running and benchmarking them measured.
 */

/** One document per listing (`algorithmId`): its owner and which of its versions may run. */
export const OPTIMIZATION_ALGORITHMS_COLLECTION = 'optimization_algorithms';

export interface OptimizationAlgorithmDocument {
  readonly id: string;
  /** The author's tenant: the listing's owner, who runs its approved versions without a licence. */
  readonly tenantId: string;
  readonly authorId: string;
  /** Every version submitted, in submission order. */
  readonly versions: readonly number[];
  /** Ascending: the versions that may run. */
  readonly approvedVersions: readonly number[];
  readonly latestApprovedVersion: number | null;
  readonly deprecated: boolean;
  readonly [field: string]: unknown;
}

/** One document per listing version (`<algorithmId>:<version>`): the recipe it runs and its review status. */
export const OPTIMIZATION_ALGORITHM_RECIPES_COLLECTION = 'optimization_algorithm_recipes';

export type AlgorithmVersionStatus = 'SUBMITTED' | 'APPROVED' | 'REJECTED';

export interface AlgorithmRecipeDocument {
  readonly id: string;
  readonly algorithmId: string;
  readonly version: number;
  readonly tenantId: string;
  readonly authorId: string;
  readonly recipe: AlgorithmRecipe;
  readonly status: AlgorithmVersionStatus;
  readonly deprecated: boolean;
  readonly [field: string]: unknown;
}

export const algorithmRecipeId = (algorithmId: string, version: number): string => `${algorithmId}:${version}`;

/** One document per licence (`licenseId`): whether the buyer's tenant may run the version it bought. */
export const OPTIMIZATION_ALGORITHM_ENTITLEMENTS_COLLECTION = 'optimization_algorithm_entitlements';

export interface AlgorithmEntitlementDocument {
  readonly id: string;
  /** The buyer's tenant. */
  readonly tenantId: string;
  readonly algorithmId: string;
  readonly version: number;
  readonly licenseType: LicenseType;
  readonly active: boolean;
  readonly grantedAt: string;
  /** When a refund or revocation ended it. */
  readonly endedAt: string | null;
  readonly endReason: 'REFUNDED' | 'REVOKED' | null;
  readonly [field: string]: unknown;
}

/** One document per listing that ran at least once: its runs and CPU time, for its author. */
export const ALGORITHM_USAGE_COLLECTION = 'algorithm_usage';

export interface AlgorithmVersionUsage {
  readonly version: number;
  readonly runs: number;
  readonly cpuSeconds: number;
}

export interface AlgorithmUsageDocument {
  readonly id: string;
  /** The author's tenant: the only one (with platform admins) that sees the figures. */
  readonly tenantId: string;
  readonly runs: number;
  readonly cpuSeconds: number;
  /** Ascending by version. */
  readonly byVersion: readonly AlgorithmVersionUsage[];
  readonly lastRunAt: string;
  readonly [field: string]: unknown;
}

/** One document per benchmark run (its event's id), newest first by `benchmarkedAt`. */
export const ALGORITHM_BENCHMARKS_COLLECTION = 'algorithm_benchmarks';

export interface AlgorithmBenchmarkDocument {
  readonly id: string;
  readonly algorithmId: string;
  readonly version: number;
  /** The listing's owner. */
  readonly tenantId: string;
  readonly benchmarkSet: string;
  readonly results: readonly AlgorithmBenchmarkResult[];
  readonly benchmarkedAt: string;
  readonly [field: string]: unknown;
}
