import { ALGORITHM_CATEGORIES, ALGORITHM_COMPLEXITIES } from '../../subgraphs/community/marketplace/validation/listing-vocabulary';
import { Xoshiro128 } from '../../subgraphs/optimization/engine/prng';

/** DiscoverAlgorithmsInput as the benchmark sends it. */
export interface DiscoverCriteria {
  readonly text?: string;
  readonly category?: string;
  readonly complexity?: string;
  readonly maxPrice?: number;
  readonly minRating?: number;
  readonly license?: 'PERSONAL' | 'COMMERCIAL' | 'ENTERPRISE';
  readonly sort?: 'RELEVANCE' | 'RATING' | 'PRICE' | 'NEWEST' | 'RUNS';
  readonly first?: number;
  readonly after?: string;
}

/** Words a buyer types: a problem or a method, some narrow, some (the last ones) in nearly every listing. */
const SPECIFIC_WORDS = ['portfolio', 'routing', 'vehicle routing', 'rostering', 'nurse rostering', 'timetabling', 'knapsack', 'max-cut', 'graph colouring', 'battery', 'unit commitment', 'frequency assignment', 'bin packing', 'warehouse', 'hedging', 'wind farm', 'community detection', 'set cover', 'crew pairing', 'spectrum', 'tempering', 'tabu', 'feature selection', 'delivery', 'scheduling', 'partitioning'];
const BROAD_WORDS = ['annealing', 'optimisation', 'solver', 'qubo'];
const MAX_PRICES = [0, 20, 50, 100, 250];
const SORTS_BROWSING = ['NEWEST', 'RATING', 'PRICE', 'RUNS', 'RELEVANCE'] as const;
const SORTS_SEARCHING = ['RELEVANCE', 'RELEVANCE', 'RELEVANCE', 'PRICE', 'RATING', 'NEWEST'] as const;

/**
 * `count` distinct first-page criteria, as a catalogue's visitors send them: browsing by category,
 * complexity and price, searching by words (now and then a word nearly every listing contains),
 * one licence or another, several orders. Reproducible from `seed`.
 */
export function firstPageCriteria(count: number, seed: number): DiscoverCriteria[] {
  const random = new Xoshiro128(seed);
  const pick = <T>(values: readonly T[]): T => values[random.nextInt(values.length)];
  const chance = (p: number) => random.nextFloat() < p;
  const distinct = new Map<string, DiscoverCriteria>();
  while (distinct.size < count) {
    const kind = random.nextFloat();
    const searching = kind >= 0.35;
    const criteria: DiscoverCriteria = {
      ...(searching && { text: kind < 0.9 ? pick(SPECIFIC_WORDS) : pick(BROAD_WORDS) }),
      ...(chance(searching ? 0.3 : 0.7) && { category: pick(ALGORITHM_CATEGORIES) }),
      ...(chance(0.25) && { complexity: pick(ALGORITHM_COMPLEXITIES) }),
      ...(chance(0.35) && { maxPrice: pick(MAX_PRICES) }),
      ...(chance(0.1) && { minRating: 3 + random.nextInt(3) }),
      license: chance(0.8) ? 'PERSONAL' : pick(['COMMERCIAL', 'ENTERPRISE'] as const),
      sort: searching ? pick(SORTS_SEARCHING) : pick(SORTS_BROWSING),
      first: chance(0.8) ? 20 : 10,
    };
    distinct.set(JSON.stringify(criteria), criteria);
  }
  return [...distinct.values()];
}
