import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { badUserInput, ErrorCode, platformError } from '../../../../platform/errors';
import { connectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requireAuth, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import type { SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { ReadQueryTimeoutError, type FacetCount, type FindQuery, type SortKey } from '../../../../platform/readstore/port';
import { LICENSE_TYPES, type LicenseType } from '../../../../schema/events/algorithm-events';
import type { AlgorithmCatalogDocument, AlgorithmListingDocument } from '../../../../schema/read-models/marketplace';
import { requireMarketplace } from '../../../../platform/feature-flags';
import { ALGORITHM_CATEGORIES, ALGORITHM_COMPLEXITIES, canonicalTerm } from '../validation/listing-vocabulary';
import { AlgorithmFacetCount, AlgorithmPriceBand, AlgorithmSearchConnection, AlgorithmSort, DiscoverAlgorithmsInput } from './discovery-types';
import { catalogCollection, listingCollection, seesUnapproved, toAlgorithm } from './listing-reads';

/** Band edges on the chosen licence's price: free, then [0.01, 10), [10, 50) … [500, ∞). */
const PRICE_BAND_EDGES = [0, 0.01, 10, 50, 100, 500];
const MAX_TIMEOUT_MS = 60_000;

const PRICE_FIELD: Readonly<Record<LicenseType, string>> = { PERSONAL: 'pricePersonal', COMMERCIAL: 'priceCommercial', ENTERPRISE: 'priceEnterprise' };

type Where = NonNullable<FindQuery['where']>;

/** discoverAlgorithms: full-text search with filters, five orders, facet counts and a time budget, over the listings anyone may buy. */
@Resolver()
export class DiscoveryResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => AlgorithmSearchConnection, {
    description: "Approved, non-deprecated listings matching the criteria (the seed's discover_algorithms), with how many match and facet counts among them. A search over timeoutMs answers SEARCH_TIMEOUT.",
  })
  async discoverAlgorithms(
    @Arg('criteria', () => DiscoverAlgorithmsInput) criteria: DiscoverAlgorithmsInput,
    @Ctx() context: SubgraphContext,
    @Arg('timeoutMs', () => Int, { nullable: true, description: "The seed's `timeout` beside the criteria: wins over criteria.timeoutMs when given." }) timeoutMs?: number | null,
  ): Promise<AlgorithmSearchConnection> {
    requireMarketplace(this.deps.config);
    const auth = requireAuth(context);
    assertPageSize(criteria.first);
    const maxTimeMs = timeoutMs ?? criteria.timeoutMs;
    if (!(Number.isInteger(maxTimeMs) && maxTimeMs >= 1 && maxTimeMs <= MAX_TIMEOUT_MS)) throw badUserInput(`timeoutMs is from 1 to ${MAX_TIMEOUT_MS}.`, timeoutMs == null ? 'criteria.timeoutMs' : 'timeoutMs');
    const others = filtersOf(criteria);
    // Per licence type, its own price within maxPrice: the chosen one narrows the page, each counts apart.
    const priceCap = (type: LicenseType): Where => (criteria.maxPrice == null ? {} : { [PRICE_FIELD[type]]: { lte: criteria.maxPrice } });
    const cap = priceCap(criteria.license);
    const priceField = PRICE_FIELD[criteria.license];
    // The catalog holds only discoverable listings: no condition needed for that.
    const where: Where = { ...others, ...cap };
    const text = criteria.text?.trim() || undefined;
    const catalog = catalogCollection(this.deps.readStore);
    const sort = sortOf(criteria.sort, priceField, text !== undefined);
    const page = { where, first: criteria.first, after: criteria.after ?? undefined, sort, maxTimeMs };
    try {
      // The page, and everything counted beside it in one facets request: the store matches the criteria once for all.
      const [found, counted] = await Promise.all([
        text === undefined ? catalog.find(page) : catalog.search(text, page),
        catalog.facets(
          {
            total: { filter: cap },
            category: { field: 'category', limit: ALGORITHM_CATEGORIES.length, filter: cap },
            complexity: { field: 'complexity', limit: ALGORITHM_COMPLEXITIES.length, filter: cap },
            priceBands: { field: priceField, buckets: PRICE_BAND_EDGES, filter: cap },
            PERSONAL: { filter: priceCap('PERSONAL') },
            COMMERCIAL: { filter: priceCap('COMMERCIAL') },
            ENTERPRISE: { filter: priceCap('ENTERPRISE') },
          },
          { where: others, text, maxTimeMs },
        ),
      ]);
      const listings = await this.listingsOf(found.items);
      return {
        ...connectionOf({ ...found, items: listings }, (listing) => toAlgorithm(listing, seesUnapproved(auth, this.deps.config, listing))),
        totalCount: counted.total,
        facets: {
          category: valueCounts(counted.category),
          complexity: valueCounts(counted.complexity),
          priceBands: counted.priceBands.map(priceBand),
          license: LICENSE_TYPES.map((value) => ({ value, count: counted[value] })),
        },
      };
    } catch (error) {
      if (error instanceof ReadQueryTimeoutError) {
        throw platformError(ErrorCode.SearchTimeout, `The search took longer than its ${maxTimeMs} ms: narrow the criteria (add a category or a complexity, use fewer or more specific words) or allow a longer timeoutMs.`, { timeoutMs: maxTimeMs });
      }
      throw error;
    }
  }

  /** The full listings of a catalog page, in its order. */
  private async listingsOf(entries: readonly AlgorithmCatalogDocument[]): Promise<AlgorithmListingDocument[]> {
    const listings = await Promise.all(entries.map((entry) => listingCollection(this.deps.readStore).get(entry.id)));
    return listings.filter((listing): listing is AlgorithmListingDocument => listing !== undefined);
  }
}

/** Every criterion but the price cap, checked against the vocabulary. */
function filtersOf(criteria: DiscoverAlgorithmsInput): Where {
  const where: Record<string, Where[string]> = {};
  if (criteria.category != null) where.category = term(ALGORITHM_CATEGORIES, criteria.category, 'criteria.category');
  if (criteria.complexity != null) where.complexity = term(ALGORITHM_COMPLEXITIES, criteria.complexity, 'criteria.complexity');
  if (criteria.maxPrice != null && !(Number.isFinite(criteria.maxPrice) && criteria.maxPrice >= 0)) throw badUserInput('maxPrice is a price ≥ 0.', 'criteria.maxPrice');
  if (criteria.minRating != null) {
    if (!(criteria.minRating >= 0 && criteria.minRating <= 5)) throw badUserInput('minRating is from 0 to 5.', 'criteria.minRating');
    where.ratingAverage = { gte: criteria.minRating };
  }
  return where;
}

function term(vocabulary: readonly string[], value: string, field: string): string {
  const known = canonicalTerm(vocabulary, value);
  if (!known) throw badUserInput(`${field.split('.')[1]} is one of ${vocabulary.join(', ')}.`, field);
  return known;
}

function sortOf(sort: AlgorithmSort, priceField: string, byText: boolean): SortKey[] | undefined {
  switch (sort) {
    case AlgorithmSort.RELEVANCE:
      return byText ? undefined : [{ field: 'publishedAt', direction: 'desc' }];
    case AlgorithmSort.RATING:
      return [{ field: 'ratingAverage', direction: 'desc' }, { field: 'ratingCount', direction: 'desc' }];
    case AlgorithmSort.PRICE:
      return [{ field: priceField, direction: 'asc' }];
    case AlgorithmSort.NEWEST:
      return [{ field: 'publishedAt', direction: 'desc' }];
    case AlgorithmSort.RUNS:
      return [{ field: 'runs', direction: 'desc' }];
  }
}

function valueCounts(counts: readonly FacetCount[]): AlgorithmFacetCount[] {
  return counts.map(({ value, count }) => ({ value: String(value), count }));
}

function priceBand({ from = 0, to = null, count }: FacetCount): AlgorithmPriceBand {
  const value = to === null ? `${from}+` : from === 0 && to === PRICE_BAND_EDGES[1] ? 'free' : `${from}-${to}`;
  return { value, from, to, count };
}
