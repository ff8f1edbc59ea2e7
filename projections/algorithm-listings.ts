import type { AlgorithmBenchmarkEvent, AlgorithmEvent, AlgorithmRated, AlgorithmRunEvent, AlgorithmVersionSubmission } from '../schema/events';
import {
  ALGORITHM_CATALOG_COLLECTION,
  ALGORITHM_LISTINGS_COLLECTION,
  ALGORITHM_RATINGS_COLLECTION,
  ALGORITHM_VERSIONS_COLLECTION,
  algorithmRatingId,
  algorithmVersionId,
  type AlgorithmCatalogDocument,
  type AlgorithmListingDocument,
  type AlgorithmRatingDocument,
  type AlgorithmVersionDocument,
} from '../schema/read-models/marketplace';
import type { Projection, ProjectionContext } from './projection';

type ListingEvent = AlgorithmEvent | AlgorithmBenchmarkEvent | AlgorithmRunEvent;

/**
 * The marketplace's listings, their versions and ratings, and the catalog of discoverable listings.
 * A listing shows its published version (the latest approved one) once there is one, and its latest
 * version until then; approval, deprecation, ratings, benchmarks and metered runs update it in
 * place, and the catalog follows each change.
 */
export const algorithmListingsProjection: Projection = {
  name: 'algorithm-listings',
  collections: [
    { name: ALGORITHM_LISTINGS_COLLECTION, indexes: ['tenantId', 'updatedAt'] },
    {
      name: ALGORITHM_CATALOG_COLLECTION,
      indexes: ['category', 'complexity', 'pricePersonal', 'priceCommercial', 'priceEnterprise', 'ratingAverage', 'ratingCount', 'runs', 'publishedAt'],
      textFields: ['name', 'description', 'documentationText'],
    },
    { name: ALGORITHM_VERSIONS_COLLECTION, indexes: ['algorithmId', 'tenantId', 'status', 'submittedAt', 'contentHash'] },
    { name: ALGORITHM_RATINGS_COLLECTION, indexes: ['algorithmId', 'ratedAt'] },
  ],
  // By type, not category: runs are metered in the solves' own streams.
  filter: { eventTypes: ['AlgorithmVersionSubmitted', 'AlgorithmVersionApproved', 'AlgorithmVersionRejected', 'AlgorithmDeprecated', 'AlgorithmRated', 'AlgorithmBenchmarked', 'AlgorithmRunMetered'] },
  async handle(recorded, context) {
    const event = recorded as unknown as ListingEvent;
    await fold(event, context);
    await syncCatalog(event.data.algorithmId, context);
  },
};

async function fold(event: ListingEvent, context: ProjectionContext): Promise<void> {
  switch (event.type) {
    case 'AlgorithmVersionSubmitted':
      return submitted(event.data, context);
    case 'AlgorithmVersionApproved':
    case 'AlgorithmVersionRejected':
      return reviewed(event.type === 'AlgorithmVersionApproved' ? 'APPROVED' : 'REJECTED', event.data, context);
    case 'AlgorithmDeprecated':
      return context.patch(ALGORITHM_LISTINGS_COLLECTION, event.data.algorithmId, { deprecated: true, deprecationReason: event.data.reason, discoverable: false, updatedAt: event.data.deprecatedAt });
    case 'AlgorithmRated':
      return rated(event.data, context);
    case 'AlgorithmBenchmarked':
      return benchmarked(event.data, context);
    case 'AlgorithmRunMetered':
      return metered(event.data, context);
  }
}

/** The catalog holds a listing exactly while it is discoverable, as the listing now reads. */
async function syncCatalog(algorithmId: string, context: ProjectionContext): Promise<void> {
  const listing = await context.get<AlgorithmListingDocument>(ALGORITHM_LISTINGS_COLLECTION, algorithmId);
  if (listing?.discoverable && listing.publishedAt !== null) {
    const { id, tenantId, name, description, category, complexity, pricePersonal, priceCommercial, priceEnterprise, ratingAverage, ratingCount, runs, publishedAt } = listing;
    const entry: AlgorithmCatalogDocument = { id, tenantId, name, description, category, complexity, pricePersonal, priceCommercial, priceEnterprise, ratingAverage, ratingCount, runs, publishedAt, documentationText: wordsOf(listing.documentationHtml) };
    context.upsert(ALGORITHM_CATALOG_COLLECTION, entry);
  } else if (await context.get(ALGORITHM_CATALOG_COLLECTION, algorithmId)) {
    context.delete(ALGORITHM_CATALOG_COLLECTION, algorithmId);
  }
}

async function submitted(submission: AlgorithmVersionSubmission, context: ProjectionContext): Promise<void> {
  const version: AlgorithmVersionDocument = { id: algorithmVersionId(submission.algorithmId, submission.version), ...submission, status: 'SUBMITTED', reviewerId: null, reason: null, reviewedAt: null };
  context.upsert(ALGORITHM_VERSIONS_COLLECTION, version);
  const listing = await context.get<AlgorithmListingDocument>(ALGORITHM_LISTINGS_COLLECTION, submission.algorithmId);
  const progress = { latestVersion: submission.version, latestStatus: 'SUBMITTED', updatedAt: submission.submittedAt };
  if (listing) {
    context.patch(ALGORITHM_LISTINGS_COLLECTION, listing.id, listing.publishedVersion === null ? { ...progress, ...contentOf(submission) } : progress);
    return;
  }
  const created: AlgorithmListingDocument = {
    id: submission.algorithmId,
    tenantId: submission.tenantId,
    authorId: submission.authorId,
    latestVersion: submission.version,
    latestStatus: 'SUBMITTED',
    publishedVersion: null,
    publishedAt: null,
    deprecated: false,
    deprecationReason: null,
    discoverable: false,
    ...contentOf(submission),
    ratingAverage: 0,
    ratingCount: 0,
    ratingTotal: 0,
    runs: 0,
    cpuSeconds: 0,
    benchmarks: [],
    createdAt: submission.submittedAt,
    updatedAt: submission.submittedAt,
  };
  context.upsert(ALGORITHM_LISTINGS_COLLECTION, created);
}

type Review = { readonly algorithmId: string; readonly version: number; readonly reviewerId: string; readonly reason: string; readonly reviewedAt: string };

async function reviewed(status: 'APPROVED' | 'REJECTED', review: Review, context: ProjectionContext): Promise<void> {
  const versionId = algorithmVersionId(review.algorithmId, review.version);
  context.patch(ALGORITHM_VERSIONS_COLLECTION, versionId, { status, reviewerId: review.reviewerId, reason: review.reason, reviewedAt: review.reviewedAt });
  const listing = await context.get<AlgorithmListingDocument>(ALGORITHM_LISTINGS_COLLECTION, review.algorithmId);
  const version = await context.get<AlgorithmVersionDocument>(ALGORITHM_VERSIONS_COLLECTION, versionId);
  if (!listing || !version) return;
  const fields: Record<string, unknown> = { updatedAt: review.reviewedAt };
  if (review.version === listing.latestVersion) fields.latestStatus = status;
  if (status === 'APPROVED' && review.version > (listing.publishedVersion ?? 0)) {
    Object.assign(fields, contentOf(version), { publishedVersion: review.version, publishedAt: review.reviewedAt, discoverable: !listing.deprecated });
  }
  context.patch(ALGORITHM_LISTINGS_COLLECTION, listing.id, fields);
}

async function rated(rating: AlgorithmRated['data'], context: ProjectionContext): Promise<void> {
  const id = algorithmRatingId(rating.algorithmId, rating.version, rating.raterId);
  const previous = await context.get<AlgorithmRatingDocument>(ALGORITHM_RATINGS_COLLECTION, id);
  const document: AlgorithmRatingDocument = { id, ...rating };
  context.upsert(ALGORITHM_RATINGS_COLLECTION, document);
  const listing = await context.get<AlgorithmListingDocument>(ALGORITHM_LISTINGS_COLLECTION, rating.algorithmId);
  if (!listing) return;
  // A user's second rating of a version replaces the first.
  const ratingTotal = listing.ratingTotal - (previous?.stars ?? 0) + rating.stars;
  const ratingCount = listing.ratingCount + (previous ? 0 : 1);
  context.patch(ALGORITHM_LISTINGS_COLLECTION, listing.id, { ratingTotal, ratingCount, ratingAverage: ratingTotal / ratingCount, updatedAt: rating.ratedAt });
}

async function benchmarked(benchmark: AlgorithmBenchmarkEvent['data'], context: ProjectionContext): Promise<void> {
  const listing = await context.get<AlgorithmListingDocument>(ALGORITHM_LISTINGS_COLLECTION, benchmark.algorithmId);
  if (!listing) return;
  const { version, benchmarkSet, results, benchmarkedAt } = benchmark;
  const others = listing.benchmarks.filter((earlier) => earlier.version !== version || earlier.benchmarkSet !== benchmarkSet);
  context.patch(ALGORITHM_LISTINGS_COLLECTION, listing.id, { benchmarks: [...others, { version, benchmarkSet, results, benchmarkedAt }].sort((a, b) => b.version - a.version || a.benchmarkSet.localeCompare(b.benchmarkSet)) });
}

async function metered(run: AlgorithmRunEvent['data'], context: ProjectionContext): Promise<void> {
  const listing = await context.get<AlgorithmListingDocument>(ALGORITHM_LISTINGS_COLLECTION, run.algorithmId);
  if (!listing) return;
  context.patch(ALGORITHM_LISTINGS_COLLECTION, listing.id, { runs: listing.runs + 1, cpuSeconds: listing.cpuSeconds + run.cpuMs / 1000 });
}

/** A version's content as the listing shows it, each licence's price a field of its own. */
function contentOf(submission: AlgorithmVersionSubmission) {
  return {
    name: submission.name,
    description: submission.description,
    category: submission.category,
    complexity: submission.complexity,
    currency: submission.currency,
    pricePersonal: submission.licensePrices.PERSONAL,
    priceCommercial: submission.licensePrices.COMMERCIAL,
    priceEnterprise: submission.licensePrices.ENTERPRISE,
    licenseTerms: submission.licenseTerms,
    recipe: submission.recipe,
    documentationHtml: submission.documentationHtml,
    sourceHash: submission.sourceHash,
    sourceBytes: submission.sourceBytes,
  };
}

const ENTITIES: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** The sanitised HTML's text for the search index: tags out, the sanitiser's few entities back to characters. */
function wordsOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity])
    .replace(/\s+/g, ' ')
    .trim();
}
