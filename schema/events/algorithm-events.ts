import type { DomainEvent } from '../../platform/commands/decider';

/**
 * A marketplace listing, `algorithm-<algorithmId>`: its versions, their review and ratings
 * (benchmark results live in `algorithmbenchmark-<id>`, see ./algorithm-benchmark-events.ts).
 * The listing belongs to its author's tenant; approved versions are visible to every signed-in
 * user. Other subgraphs (optimization's entitlement and recipe read models, the
 * contributions projection) read these events; none of them imports the community subgraph.
 */
export const ALGORITHM_CATEGORY = 'algorithm';
export const algorithmStreamId = (algorithmId: string): string => `${ALGORITHM_CATEGORY}-${algorithmId}`;

export const LICENSE_TYPES = ['PERSONAL', 'COMMERCIAL', 'ENTERPRISE'] as const;
export type LicenseType = (typeof LICENSE_TYPES)[number];

/**
 * What makes a listing runnable: a declarative configuration of Goliath's own engine (the platform
 * never runs submitted code). Validated against `subgraphs/community/marketplace/recipe.schema.json`.
 */
export interface AlgorithmRecipe {
  /** One of the engine's `SolverStrategy` values: SA, TABU, AUTO. */
  readonly strategy: 'SA' | 'TABU' | 'AUTO';
  readonly timeLimitMs: number;
  readonly parameters?: {
    readonly sweeps?: number;
    readonly schedule?: 'geometric' | 'linear';
    readonly betaRange?: { readonly start: number; readonly end: number };
    readonly restarts?: number;
    readonly tabuIterations?: number;
    readonly tabuStallIterations?: number;
    readonly eliteSize?: number;
    readonly numSamples?: number;
  };
  /** The problem classes it targets (`max-cut`, `bqp`, `knapsack`, `portfolio`, `assignment`, `general`). */
  readonly problemClasses?: readonly string[];
}

/** One version of a listing as its author submitted it. */
export interface AlgorithmVersionSubmission {
  readonly algorithmId: string;
  readonly version: number;
  /** The author's tenant: the listing's owner. */
  readonly tenantId: string;
  readonly authorId: string;
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly complexity: string;
  readonly currency: string;
  /** The price of each licence type, fixed for this version (PERSONAL is the input's `price`). */
  readonly licensePrices: Readonly<Record<LicenseType, number>>;
  readonly licenseTerms: string;
  readonly recipe: AlgorithmRecipe;
  /** The markdown as written. */
  readonly documentation: string;
  /**
   * Its sanitised rendering, made once at submission, so every reader shows the same safe HTML
   * without carrying a markdown renderer (projections cannot import the community subgraph's).
   */
  readonly documentationHtml: string;
  /** SHA-256 of the source code stored under ALGORITHM_STORAGE_PATH; null without source. */
  readonly sourceHash: string | null;
  readonly sourceBytes: number | null;
  /** SHA-256 over the version's content (recipe, documentation, source), for duplicate detection. */
  readonly contentHash: string;
  readonly submittedAt: string;
}

export type AlgorithmVersionSubmitted = DomainEvent<'AlgorithmVersionSubmitted', AlgorithmVersionSubmission>;
export type AlgorithmVersionApproved = DomainEvent<'AlgorithmVersionApproved', { readonly algorithmId: string; readonly version: number; readonly tenantId: string; readonly authorId: string; readonly reviewerId: string; readonly reason: string; readonly reviewedAt: string }>;
export type AlgorithmVersionRejected = DomainEvent<'AlgorithmVersionRejected', { readonly algorithmId: string; readonly version: number; readonly tenantId: string; readonly authorId: string; readonly reviewerId: string; readonly reason: string; readonly reviewedAt: string }>;
export type AlgorithmDeprecated = DomainEvent<'AlgorithmDeprecated', { readonly algorithmId: string; readonly tenantId: string; readonly deprecatedBy: string; readonly reason: string; readonly deprecatedAt: string }>;
/** A licence holder's stars and text, one per user and version (a second rating replaces the first). */
export type AlgorithmRated = DomainEvent<'AlgorithmRated', { readonly algorithmId: string; readonly version: number; readonly raterTenantId: string; readonly raterId: string; readonly stars: number; readonly text: string; readonly ratedAt: string }>;
export type AlgorithmEvent = AlgorithmVersionSubmitted | AlgorithmVersionApproved | AlgorithmVersionRejected | AlgorithmDeprecated | AlgorithmRated;

export const ALGORITHM_EVENT_VERSIONS: Readonly<Record<AlgorithmEvent['type'], number>> = {
  AlgorithmVersionSubmitted: 1,
  AlgorithmVersionApproved: 1,
  AlgorithmVersionRejected: 1,
  AlgorithmDeprecated: 1,
  AlgorithmRated: 1,
};
