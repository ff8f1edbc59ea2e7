import type { Collection, Document } from 'mongodb';
import type { CollectionSpec, FacetCounts, FacetQuery, FacetRequest, FindQuery, Page, ReadCollection, ReadDocument, SearchQuery, TextQueryOptions } from '../port';
import { decodeCursor, encodeCursor, orderingOfSearch, orderingOfSort, orderingOfSortedSearch } from '../cursor';
import { noFacetCounts, normalizeFacets } from '../facet-shape';
import { InvalidReadQueryError } from '../invalid-read-query-error';
import { readFieldPath } from '../names';
import { normalizeSort, normalizeWhere, pageSize, timeBudget } from '../query-shape';
import { searchTerms } from '../search-terms';
import { facetCountsOf, facetPipeline } from './mongo-facets';
import { LIVE, allOf, conditionFilters, keysetFilter, mongoSortKeys, sortSpec } from './mongo-query';
import { BEST_MATCH_KEYS, bestMatchPipeline, matchFilter, sortedSearchPipeline } from './mongo-search';
import { maxTimeOption, withinBudget } from './mongo-timeout';
import { toReadDocument, type StoredDocument } from './stored-document';

/** Looks up a collection's declared spec; refreshes from the database when the caller may be stale. */
export interface MongoSpecSource {
  spec(name: string, refresh: boolean): Promise<CollectionSpec | undefined>;
}

/** Reads of one collection; tombstones are never returned. */
export class MongoCollection<T extends ReadDocument> implements ReadCollection<T> {
  constructor(
    private readonly name: string,
    private readonly collection: Collection<StoredDocument>,
    private readonly specs: MongoSpecSource,
  ) {}

  async get(id: string): Promise<T | undefined> {
    await this.declaredSpec();
    const stored = await this.collection.findOne({ _id: id, ...LIVE });
    return stored ? toReadDocument<T>(stored) : undefined;
  }

  async find(query: FindQuery = {}): Promise<Page<T>> {
    const budget = timeBudget(query.maxTimeMs);
    const shape = await this.withSpec((indexed) => ({
      where: normalizeWhere(this.name, query.where, indexed),
      sort: normalizeSort(this.name, query.sort, indexed),
    }));
    const size = pageSize(query.first);
    const keys = mongoSortKeys(shape.sort);
    const ordering = orderingOfSort(shape.sort);
    const filters = [LIVE, ...conditionFilters(shape.where)];
    if (query.after !== undefined) filters.push(keysetFilter(keys, decodeCursor(query.after, ordering, keys.length)));
    const stored = await withinBudget(budget, () => this.collection.find(allOf(filters), maxTimeOption(budget)).sort(sortSpec(keys)).limit(size + 1).toArray());
    return toPage<T>(stored, size, (doc) => encodeCursor(ordering, keys.map((key) => readFieldPath(doc, key.path))));
  }

  async count(where?: FindQuery['where'], options: TextQueryOptions = {}): Promise<number> {
    const budget = timeBudget(options.maxTimeMs);
    const conditions = await this.withSpec((indexed) => normalizeWhere(this.name, where, indexed));
    const terms = options.text === undefined ? undefined : await this.searchTermsOf(options.text);
    if (terms?.length === 0) return 0;
    return withinBudget(budget, () => this.collection.countDocuments(matchFilter(conditions, terms), maxTimeOption(budget)));
  }

  async search(text: string, query: SearchQuery = {}): Promise<Page<T>> {
    const budget = timeBudget(query.maxTimeMs);
    const terms = await this.searchTermsOf(text);
    const shape = await this.withSpec((indexed) => ({
      where: normalizeWhere(this.name, query.where, indexed),
      sort: query.sort && query.sort.length > 0 ? normalizeSort(this.name, query.sort, indexed) : undefined,
    }));
    const size = pageSize(query.first);
    if (terms.length === 0) return { items: [], cursors: [], hasNextPage: false };

    const match = matchFilter(shape.where, terms);
    if (!shape.sort) {
      const ordering = orderingOfSearch(terms);
      const after = query.after === undefined ? undefined : decodeCursor(query.after, ordering, BEST_MATCH_KEYS.length);
      const stored = await this.aggregate<StoredDocument & { _score: number }>(bestMatchPipeline(match, after, size + 1), budget);
      return toPage<T>(stored, size, (doc) => encodeCursor(ordering, [doc._score, doc._id]));
    }
    const keys = mongoSortKeys(shape.sort);
    const ordering = orderingOfSortedSearch(terms, shape.sort);
    const after = query.after === undefined ? undefined : decodeCursor(query.after, ordering, keys.length);
    const stored = await this.aggregate<StoredDocument>(sortedSearchPipeline(match, keys, after, size + 1), budget);
    return toPage<T>(stored, size, (doc) => encodeCursor(ordering, keys.map((key) => readFieldPath(doc, key.path))));
  }

  async facets<R extends FacetRequest>(request: R, query: FacetQuery = {}): Promise<FacetCounts<R>> {
    const budget = timeBudget(query.maxTimeMs);
    const shape = await this.withSpec((indexed) => ({
      facets: normalizeFacets(this.name, request, indexed),
      where: normalizeWhere(this.name, query.where, indexed),
    }));
    const terms = query.text === undefined ? undefined : await this.searchTermsOf(query.text);
    // `$facet` needs at least one sub-pipeline.
    if (terms?.length === 0 || shape.facets.length === 0) return noFacetCounts(shape.facets) as FacetCounts<R>;
    const [result] = await this.aggregate(facetPipeline(matchFilter(shape.where, terms), shape.facets), budget);
    return facetCountsOf(shape.facets, result) as FacetCounts<R>;
  }

  private aggregate<R extends Document>(pipeline: Document[], budget: number | undefined): Promise<R[]> {
    return withinBudget(budget, () => this.collection.aggregate<R>(pipeline, maxTimeOption(budget)).toArray());
  }

  /** The words to search for, once the collection is known to declare text fields. */
  private async searchTermsOf(text: string): Promise<string[]> {
    // A cached spec without text fields may predate another process declaring some: look again before refusing.
    if (!hasTextFields(await this.declaredSpec())) {
      const fresh = await this.specs.spec(this.name, true);
      if (!fresh || !hasTextFields(fresh)) throw new InvalidReadQueryError(`Collection ${this.name} declares no text fields to search`);
    }
    return searchTerms(text);
  }

  private async declaredSpec(): Promise<CollectionSpec> {
    const spec = (await this.specs.spec(this.name, false)) ?? (await this.specs.spec(this.name, true));
    if (!spec) throw new InvalidReadQueryError(`Collection ${this.name} is not defined`);
    return spec;
  }

  /** Runs the check against the cached spec, and once more against a fresh one in case another process redefined the collection. */
  private async withSpec<R>(check: (indexed: ReadonlySet<string>) => R): Promise<R> {
    try {
      return check(new Set((await this.declaredSpec()).indexes));
    } catch (error) {
      if (!(error instanceof InvalidReadQueryError)) throw error;
      const fresh = await this.specs.spec(this.name, true);
      if (!fresh) throw error;
      return check(new Set(fresh.indexes));
    }
  }
}

function hasTextFields(spec: CollectionSpec): boolean {
  return (spec.textFields ?? []).length > 0;
}

function toPage<T extends ReadDocument>(stored: readonly StoredDocument[], size: number, cursorOf: (doc: StoredDocument) => string): Page<T> {
  const page = stored.slice(0, size);
  const cursors = page.map(cursorOf);
  return { items: page.map((doc) => toReadDocument<T>(doc)), cursors, endCursor: cursors.at(-1), hasNextPage: stored.length > size };
}
