import type { AlgorithmBenchmarkResult } from '../events/algorithm-benchmark-events';
import type { AlgorithmRecipe, AlgorithmVersionSubmission } from '../events/algorithm-events';

/** A version's place in the review workflow. */
export type AlgorithmVersionStatus = 'SUBMITTED' | 'APPROVED' | 'REJECTED';

/** The latest measurement of one version's recipe on one benchmark set. */
export interface ListingBenchmark {
  readonly version: number;
  readonly benchmarkSet: string;
  readonly results: readonly AlgorithmBenchmarkResult[];
  readonly benchmarkedAt: string;
}

/**
 * One document per marketplace listing (`algorithmId`), in its author's tenant (`tenantId`): what
 * discovery searches, filters, sorts and counts. Its content fields are those of the published
 * version (the latest approved one), or of the latest version while none is approved yet.
 */
export const ALGORITHM_LISTINGS_COLLECTION = 'algorithm_listings';

export interface AlgorithmListingDocument {
  readonly id: string;
  /** The author's tenant: the listing's owner. */
  readonly tenantId: string;
  readonly authorId: string;
  /** The newest version submitted and where it stands in review. */
  readonly latestVersion: number;
  readonly latestStatus: AlgorithmVersionStatus;
  /** The latest approved version: what discovery shows and a purchase buys; null until one is approved. */
  readonly publishedVersion: number | null;
  /** When the published version was approved (discovery's NEWEST order); null until then. */
  readonly publishedAt: string | null;
  readonly deprecated: boolean;
  readonly deprecationReason: string | null;
  /** Published and not deprecated: in the catalog discovery searches. */
  readonly discoverable: boolean;
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly complexity: string;
  readonly currency: string;
  /** Each licence type's price as a field of its own, so discovery filters and sorts on the one asked for. */
  readonly pricePersonal: number;
  readonly priceCommercial: number;
  readonly priceEnterprise: number;
  readonly licenseTerms: string;
  readonly recipe: AlgorithmRecipe;
  readonly documentationHtml: string;
  readonly sourceHash: string | null;
  readonly sourceBytes: number | null;
  /** Over every rating of every version; 0 without ratings. */
  readonly ratingAverage: number;
  readonly ratingCount: number;
  readonly ratingTotal: number;
  /** Metered runs of any version (AlgorithmRunMetered), and their CPU time. */
  readonly runs: number;
  readonly cpuSeconds: number;
  /** The latest benchmark of each version and set. */
  readonly benchmarks: readonly ListingBenchmark[];
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly [field: string]: unknown;
}

/**
 * The listings discovery answers with (`algorithmId`): exactly the discoverable ones, each reduced
 * to what discovery filters, sorts, counts and searches on. Kept apart from the listings so that no
 * query needs a "discoverable" condition, and small so that filtering reads little.
 */
export const ALGORITHM_CATALOG_COLLECTION = 'algorithm_catalog';

export type AlgorithmCatalogDocument = Pick<
  AlgorithmListingDocument,
  'id' | 'tenantId' | 'name' | 'description' | 'category' | 'complexity' | 'pricePersonal' | 'priceCommercial' | 'priceEnterprise' | 'ratingAverage' | 'ratingCount' | 'runs'
> & {
  readonly publishedAt: string;
  /** The documentation's words without markup, for full-text search. */
  readonly documentationText: string;
  readonly [field: string]: unknown;
};

/** Each version of each listing (`<algorithmId>:<version>`) as submitted, with its review. */
export const ALGORITHM_VERSIONS_COLLECTION = 'algorithm_versions';

export const algorithmVersionId = (algorithmId: string, version: number): string => `${algorithmId}:${version}`;

export interface AlgorithmVersionDocument extends AlgorithmVersionSubmission {
  readonly id: string;
  readonly status: AlgorithmVersionStatus;
  readonly reviewerId: string | null;
  /** The moderator's reason for the decision; null while submitted. */
  readonly reason: string | null;
  readonly reviewedAt: string | null;
  readonly [field: string]: unknown;
}

/** One rating per user and version (`<algorithmId>:<version>:<raterId>`); a second one replaces the first. */
export const ALGORITHM_RATINGS_COLLECTION = 'algorithm_ratings';

export const algorithmRatingId = (algorithmId: string, version: number, raterId: string): string => `${algorithmId}:${version}:${raterId}`;

export interface AlgorithmRatingDocument {
  readonly id: string;
  readonly algorithmId: string;
  readonly version: number;
  readonly raterTenantId: string;
  readonly raterId: string;
  readonly stars: number;
  readonly text: string;
  readonly ratedAt: string;
  readonly [field: string]: unknown;
}
