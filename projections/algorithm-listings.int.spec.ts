import { algorithmBenchmarkStreamId, algorithmStreamId, type AlgorithmBenchmarkEvent, type AlgorithmEvent, type AlgorithmRunEvent, type AlgorithmVersionSubmission } from '../schema/events';
import { ALGORITHM_CATALOG_COLLECTION, ALGORITHM_LISTINGS_COLLECTION, ALGORITHM_RATINGS_COLLECTION, ALGORITHM_VERSIONS_COLLECTION } from '../schema/read-models/marketplace';
import { describeProjection, stream } from '../test/support/projection-spec';
import { sampleSubmission } from '../test/support/sample-listing';
import { algorithmListingsProjection } from './algorithm-listings';

const submittedAt = '2026-12-01T10:00:00.000Z';
const reviewedAt = '2026-12-02T10:00:00.000Z';
const v1 = sampleSubmission({ algorithmId: 'a1', name: 'Portfolio annealer', description: 'Anneals portfolios.', licenseTerms: 'Use it well.', recipe: { strategy: 'SA', timeLimitMs: 1000 }, category: 'Finance', complexity: 'Advanced', currency: 'USD', licensePrices: { PERSONAL: 10, COMMERCIAL: 50, ENTERPRISE: 200 }, documentation: '# Fast & <b>safe</b>', documentationHtml: '<h1>Fast &amp; <b>safe</b></h1>', contentHash: 'c1', submittedAt });
const v2: AlgorithmVersionSubmission = { ...v1, version: 2, name: 'Portfolio annealer II', licensePrices: { PERSONAL: 20, COMMERCIAL: 100, ENTERPRISE: 400 }, contentHash: 'c2', submittedAt: '2026-12-03T10:00:00.000Z' };
const review = (version: number, reason = 'fine', at = reviewedAt) => ({ algorithmId: 'a1', version, tenantId: 'acme', authorId: 'ada', reviewerId: 'mod', reason, reviewedAt: at });
const rating = (raterId: string, stars: number, version = 1) => ({ algorithmId: 'a1', version, raterTenantId: 'globex', raterId, stars, text: 'ok', ratedAt: '2026-12-04T10:00:00.000Z' });

const v1Content = {
  name: 'Portfolio annealer',
  description: 'Anneals portfolios.',
  category: 'Finance',
  complexity: 'Advanced',
  currency: 'USD',
  pricePersonal: 10,
  priceCommercial: 50,
  priceEnterprise: 200,
  licenseTerms: 'Use it well.',
  recipe: { strategy: 'SA', timeLimitMs: 1000 },
  documentationHtml: '<h1>Fast &amp; <b>safe</b></h1>',
  sourceHash: null,
  sourceBytes: null,
};
const submittedListing = {
  id: 'a1',
  tenantId: 'acme',
  authorId: 'ada',
  latestVersion: 1,
  latestStatus: 'SUBMITTED',
  publishedVersion: null,
  publishedAt: null,
  deprecated: false,
  deprecationReason: null,
  discoverable: false,
  ...v1Content,
  ratingAverage: 0,
  ratingCount: 0,
  ratingTotal: 0,
  runs: 0,
  cpuSeconds: 0,
  benchmarks: [],
  createdAt: submittedAt,
  updatedAt: submittedAt,
};
const publishedListing = { ...submittedListing, latestStatus: 'APPROVED', publishedVersion: 1, publishedAt: reviewedAt, discoverable: true, updatedAt: reviewedAt };
const catalogEntry = {
  id: 'a1',
  tenantId: 'acme',
  name: 'Portfolio annealer',
  description: 'Anneals portfolios.',
  category: 'Finance',
  complexity: 'Advanced',
  pricePersonal: 10,
  priceCommercial: 50,
  priceEnterprise: 200,
  ratingAverage: 0,
  ratingCount: 0,
  runs: 0,
  publishedAt: reviewedAt,
  documentationText: 'Fast & safe',
};

describeProjection(algorithmListingsProjection, (spec) => {
  const listing = stream<AlgorithmEvent>(algorithmStreamId('a1'), 'acme');
  const submitted = (submission: AlgorithmVersionSubmission) => listing({ type: 'AlgorithmVersionSubmitted', data: submission });
  const approved = (version: number, at?: string) => listing({ type: 'AlgorithmVersionApproved', data: review(version, 'fine', at) });
  const rated = (raterId: string, stars: number) => stream<AlgorithmEvent>(algorithmStreamId('a1'), 'globex')({ type: 'AlgorithmRated', data: rating(raterId, stars) });

  it('lists a submitted version with each licence price a field, and keeps it out of the catalog', () =>
    spec.when(submitted(v1)).then({
      [ALGORITHM_LISTINGS_COLLECTION]: [submittedListing],
      [ALGORITHM_CATALOG_COLLECTION]: [],
      [ALGORITHM_VERSIONS_COLLECTION]: [{ id: 'a1:1', ...v1, status: 'SUBMITTED', reviewerId: null, reason: null, reviewedAt: null }],
    }));

  it('publishes an approved version into the catalog, its documentation as searchable words', () =>
    spec.given(submitted(v1)).when(approved(1)).then({ [ALGORITHM_LISTINGS_COLLECTION]: [publishedListing], [ALGORITHM_CATALOG_COLLECTION]: [catalogEntry], [ALGORITHM_VERSIONS_COLLECTION]: { 'a1:1': { id: 'a1:1', ...v1, status: 'APPROVED', reviewerId: 'mod', reason: 'fine', reviewedAt } } }));

  it('keeps showing the published version while a newer one waits for review or is rejected, then moves to the newer one once approved', async () => {
    await spec
      .given(submitted(v1), approved(1))
      .when(submitted(v2), listing({ type: 'AlgorithmVersionRejected', data: review(2, 'no') }))
      .then({ [ALGORITHM_LISTINGS_COLLECTION]: [{ ...publishedListing, latestVersion: 2, latestStatus: 'REJECTED' }], [ALGORITHM_VERSIONS_COLLECTION]: { 'a1:2': { id: 'a1:2', ...v2, status: 'REJECTED', reviewerId: 'mod', reason: 'no', reviewedAt } } });
    const later = '2026-12-05T10:00:00.000Z';
    await spec
      .given(submitted(v1), approved(1), submitted(v2))
      .when(approved(2, later))
      .then({
        [ALGORITHM_LISTINGS_COLLECTION]: { a1: { ...publishedListing, name: 'Portfolio annealer II', pricePersonal: 20, priceCommercial: 100, priceEnterprise: 400, latestVersion: 2, publishedVersion: 2, publishedAt: later, updatedAt: later } },
        [ALGORITHM_CATALOG_COLLECTION]: [{ ...catalogEntry, name: 'Portfolio annealer II', pricePersonal: 20, priceCommercial: 100, priceEnterprise: 400, publishedAt: later }],
      });
  });

  it('takes a deprecated listing out of the catalog for good', () =>
    spec
      .given(submitted(v1), approved(1))
      .when(listing({ type: 'AlgorithmDeprecated', data: { algorithmId: 'a1', tenantId: 'acme', deprecatedBy: 'ada', reason: 'superseded', deprecatedAt: '2026-12-06T10:00:00.000Z' } }))
      .then({ [ALGORITHM_LISTINGS_COLLECTION]: { a1: { ...publishedListing, deprecated: true, deprecationReason: 'superseded', discoverable: false, updatedAt: '2026-12-06T10:00:00.000Z' } }, [ALGORITHM_CATALOG_COLLECTION]: [] }));

  it("averages the ratings, a user's second rating of a version replacing the first", () =>
    spec
      .given(submitted(v1), approved(1), rated('bob', 2))
      .when(rated('carol', 5), rated('bob', 4))
      .then({
        [ALGORITHM_LISTINGS_COLLECTION]: { a1: { ...publishedListing, ratingTotal: 9, ratingCount: 2, ratingAverage: 4.5, updatedAt: '2026-12-04T10:00:00.000Z' } },
        [ALGORITHM_CATALOG_COLLECTION]: [{ ...catalogEntry, ratingCount: 2, ratingAverage: 4.5 }],
        [ALGORITHM_RATINGS_COLLECTION]: [
          { id: 'a1:1:bob', ...rating('bob', 4) },
          { id: 'a1:1:carol', ...rating('carol', 5) },
        ],
      }));

  it('counts metered runs and keeps the latest benchmark of each version and set', () => {
    const result = { instance: 'bqp50.1', variables: 50, bestKnown: -2098, bestEnergy: -2098, gapPercent: 0, timeToBestMs: 3, totalTimeMs: 10 };
    const benchmark = (bestEnergy: number, benchmarkedAt: string) =>
      stream<AlgorithmBenchmarkEvent>(algorithmBenchmarkStreamId('a1'), 'acme')({ type: 'AlgorithmBenchmarked', data: { algorithmId: 'a1', version: 1, tenantId: 'acme', benchmarkSet: 'orlib', results: [{ ...result, bestEnergy }], benchmarkedAt } });
    const run = stream<AlgorithmRunEvent>('solvejob-j1', 'globex')({
      type: 'AlgorithmRunMetered',
      data: { algorithmId: 'a1', version: 1, runnerTenantId: 'globex', authorTenantId: 'acme', authorId: 'ada', solveId: 'j1', solveKind: 'SOLVE_JOB', cpuMs: 1500, wallMs: 900, at: reviewedAt },
    });
    return spec
      .given(submitted(v1), approved(1), benchmark(-2000, '2026-12-04T00:00:00.000Z'))
      .when(benchmark(-2098, '2026-12-05T00:00:00.000Z'), run, run)
      .then({ [ALGORITHM_CATALOG_COLLECTION]: [{ ...catalogEntry, runs: 2 }], [ALGORITHM_LISTINGS_COLLECTION]: { a1: { ...publishedListing, runs: 2, cpuSeconds: 3, benchmarks: [{ version: 1, benchmarkSet: 'orlib', results: [result], benchmarkedAt: '2026-12-05T00:00:00.000Z' }] } } });
  });
});
