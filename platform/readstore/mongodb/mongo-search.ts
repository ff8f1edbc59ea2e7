import type { Document, Filter } from 'mongodb';
import type { Scalar } from '../port';
import type { Condition } from '../query-shape';
import { LIVE, allOf, conditionFilters, keysetFilter, sortSpec, type MongoSortKey } from './mongo-query';
import type { StoredDocument } from './stored-document';

/** The best-match order: text score descending, then id. */
export const BEST_MATCH_KEYS: readonly MongoSortKey[] = [
  { path: '_score', direction: 'desc' },
  { path: '_id', direction: 'asc' },
];

/**
 * Live documents meeting the conditions and, given search terms, containing any of them. Terms are
 * bare words (no quotes or leading minus), so $search reads them as words joined by OR. `$text`
 * stays at the top level: it must sit in the first stage of a pipeline, outside any `$or`.
 */
export function matchFilter(conditions: readonly Condition[], terms?: readonly string[]): Filter<StoredDocument> {
  const filter = allOf([LIVE, ...conditionFilters(conditions)]);
  return terms ? { $text: { $search: terms.join(' ') }, ...filter } : filter;
}

/** A search page, best text score first; `after` holds the cursor's sort values. */
export function bestMatchPipeline(match: Filter<StoredDocument>, after: readonly Scalar[] | undefined, limit: number): Document[] {
  const pipeline: Document[] = [{ $match: match }, { $addFields: { _score: { $meta: 'textScore' } } }];
  if (after !== undefined) pipeline.push({ $match: keysetFilter(BEST_MATCH_KEYS, after) });
  pipeline.push({ $sort: sortSpec(BEST_MATCH_KEYS) }, { $limit: limit });
  return pipeline;
}

/** A search page in the order of sort keys (id last), the text match only filtering. */
export function sortedSearchPipeline(match: Filter<StoredDocument>, keys: readonly MongoSortKey[], after: readonly Scalar[] | undefined, limit: number): Document[] {
  const pipeline: Document[] = [{ $match: match }];
  if (after !== undefined) pipeline.push({ $match: keysetFilter(keys, after) });
  pipeline.push({ $sort: sortSpec(keys) }, { $limit: limit });
  return pipeline;
}
