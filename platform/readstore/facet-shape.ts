import type { FacetCount, FacetCounts, FacetRequest, FacetSpec } from './port';
import { InvalidReadQueryError } from './invalid-read-query-error';
import { MAX_PAGE_SIZE, assertIndexed, normalizeWhere, type Condition } from './query-shape';

/**
 * Turns a facet request into checked facets that both adapters translate the same way, and builds
 * the parts of the answer that do not depend on the store (bucket labels, empty buckets).
 */

/** `filter`: the facet's own conditions, beside the query's. */
export type Facet = { readonly name: string; readonly filter: readonly Condition[] } & (
  | { readonly kind: 'distinct'; readonly field: string; readonly limit: number }
  | { readonly kind: 'buckets'; readonly field: string; readonly edges: readonly number[] }
  | { readonly kind: 'count' }
);

export const DEFAULT_FACET_LIMIT = 10;
const MAX_BUCKETS = 100;

export function normalizeFacets(collection: string, request: FacetRequest, indexed: ReadonlySet<string>): Facet[] {
  if (request === null || typeof request !== 'object') throw new InvalidReadQueryError(`Facets of ${collection} need an object of facet specs`);
  return Object.entries(request).map(([name, spec]) => normalizeFacet(collection, name, spec, indexed));
}

function normalizeFacet(collection: string, name: string, spec: FacetSpec, indexed: ReadonlySet<string>): Facet {
  if (spec === null || typeof spec !== 'object') throw new InvalidReadQueryError(`Facet ${name} of ${collection} needs a field or a filter`);
  const filter = normalizeWhere(collection, spec.filter, indexed);
  if (!('field' in spec)) {
    if (spec.filter === null || typeof spec.filter !== 'object') throw new InvalidReadQueryError(`Facet ${name} of ${collection} needs a field or a filter`);
    return { kind: 'count', name, filter };
  }
  if (typeof spec.field !== 'string') throw new InvalidReadQueryError(`Facet ${name} of ${collection} needs a field`);
  // `id` is unique: its "facet" would be every document once.
  if (spec.field === 'id') throw new InvalidReadQueryError(`Cannot facet ${collection} on "id": ids are unique`);
  assertIndexed(collection, spec.field, indexed, 'facet');
  if ('buckets' in spec) return { kind: 'buckets', name, filter, field: spec.field, edges: checkedEdges(collection, name, spec.buckets) };
  const limit = spec.limit ?? DEFAULT_FACET_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new InvalidReadQueryError(`Facet ${name} of ${collection}: limit must be an integer between 1 and ${MAX_PAGE_SIZE}`);
  }
  return { kind: 'distinct', name, filter, field: spec.field, limit };
}

function checkedEdges(collection: string, name: string, edges: readonly number[]): number[] {
  const ascending = Array.isArray(edges) && edges.every((edge, i) => typeof edge === 'number' && Number.isFinite(edge) && (i === 0 || edge > edges[i - 1]));
  if (!ascending || edges.length === 0 || edges.length > MAX_BUCKETS) {
    throw new InvalidReadQueryError(`Facet ${name} of ${collection}: buckets must be 1 to ${MAX_BUCKETS} finite numbers in strictly ascending order`);
  }
  return [...edges];
}

/** Every bucket of the facet in edge order, with its count from `counts` (by bucket index; 0 when absent). */
export function bucketCounts(edges: readonly number[], counts: ReadonlyMap<number, number>): FacetCount[] {
  return edges.map((from, i) => {
    const to = i + 1 < edges.length ? edges[i + 1] : null;
    return { value: to === null ? `${from}+` : `${from}-${to}`, count: counts.get(i) ?? 0, from, to };
  });
}

/** The answer when nothing can match (a text without words): no values, every bucket empty, counts 0. */
export function noFacetCounts(facets: readonly Facet[]): FacetCounts {
  return Object.fromEntries(facets.map((facet) => [facet.name, facet.kind === 'buckets' ? bucketCounts(facet.edges, new Map()) : facet.kind === 'count' ? 0 : []]));
}
