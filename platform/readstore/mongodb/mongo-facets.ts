import type { Document, Filter } from 'mongodb';
import type { FacetCounts, Scalar } from '../port';
import { bucketCounts, type Facet } from '../facet-shape';
import { allOf, conditionFilters, mongoField } from './mongo-query';
import type { StoredDocument } from './stored-document';

/**
 * Facets as one aggregation: the match, then `$facet` with one sub-pipeline per facet, answered
 * under `f0`, `f1`… (facet names are the caller's, and `$facet` output names cannot hold `.` or `$`);
 * a facet's own filter is its sub-pipeline's first stage. `$unwind` counts each element of an array
 * value and drops null, missing and empty values.
 */
export function facetPipeline(match: Filter<StoredDocument>, facets: readonly Facet[]): Document[] {
  return [{ $match: match }, { $facet: Object.fromEntries(facets.map((facet, i) => [`f${i}`, [...filterStages(facet), ...facetStages(facet)]])) }];
}

const SCALAR_TYPES = ['string', 'double', 'int', 'long', 'decimal', 'bool'];

function filterStages(facet: Facet): Document[] {
  return facet.filter.length > 0 ? [{ $match: allOf(conditionFilters(facet.filter)) }] : [];
}

function facetStages(facet: Facet): Document[] {
  if (facet.kind === 'count') return [{ $count: 'count' }];
  const value = `$${mongoField(facet.field)}`;
  const unwind = { $unwind: value };
  if (facet.kind === 'distinct') {
    return [
      unwind,
      // The value's own type: a `$type` query would also match a nested array holding a scalar.
      { $match: { $expr: { $in: [{ $type: value }, SCALAR_TYPES] } } },
      { $group: { _id: value, count: { $sum: 1 } } },
      { $sort: { count: -1, _id: 1 } },
      { $limit: facet.limit },
    ];
  }
  // Highest edge first, so each value lands in the last bucket whose lower edge it reaches.
  const branches = facet.edges.map((edge, i) => ({ case: { $gte: [value, edge] }, then: i })).reverse();
  return [
    unwind,
    { $match: { $expr: { $isNumber: value } } },
    { $group: { _id: { $switch: { branches, default: null } }, count: { $sum: 1 } } },
    { $match: { _id: { $ne: null } } },
  ];
}

interface GroupRow {
  readonly _id: Scalar;
  readonly count: number;
}

/** The answer from the one document `$facet` yields (absent when the aggregation returned nothing). */
export function facetCountsOf(facets: readonly Facet[], result: Document | undefined): FacetCounts {
  return Object.fromEntries(
    facets.map((facet, i) => {
      const rows = (result?.[`f${i}`] ?? []) as GroupRow[];
      // `$count` yields no document at all for none.
      if (facet.kind === 'count') return [facet.name, rows[0]?.count ?? 0];
      if (facet.kind === 'distinct') return [facet.name, rows.map((row) => ({ value: row._id, count: row.count }))];
      return [facet.name, bucketCounts(facet.edges, new Map(rows.map((row) => [row._id as number, row.count])))];
    }),
  );
}
