import type { Collection, Document } from 'mongodb';
import type { CollectionSpec, FindQuery, Page, ReadCollection, ReadDocument } from '../port';
import { decodeCursor, encodeCursor, orderingOfSearch, orderingOfSort } from '../cursor';
import { InvalidReadQueryError } from '../invalid-read-query-error';
import { readFieldPath } from '../names';
import { normalizeSort, normalizeWhere, pageSize } from '../query-shape';
import { searchTerms } from '../search-terms';
import { LIVE, allOf, conditionFilters, keysetFilter, mongoSortKeys, sortSpec, type MongoSortKey } from './mongo-query';
import { toReadDocument, type StoredDocument } from './stored-document';

/** Looks up a collection's declared spec; refreshes from the database when the caller may be stale. */
export interface MongoSpecSource {
  spec(name: string, refresh: boolean): Promise<CollectionSpec | undefined>;
}

const SEARCH_KEYS: readonly MongoSortKey[] = [
  { path: '_score', direction: 'desc' },
  { path: '_id', direction: 'asc' },
];

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
    const shape = await this.withSpec((indexed) => ({
      where: normalizeWhere(this.name, query.where, indexed),
      sort: normalizeSort(this.name, query.sort, indexed),
    }));
    const size = pageSize(query.first);
    const keys = mongoSortKeys(shape.sort);
    const ordering = orderingOfSort(shape.sort);
    const filters = [LIVE, ...conditionFilters(shape.where)];
    if (query.after !== undefined) filters.push(keysetFilter(keys, decodeCursor(query.after, ordering, keys.length)));
    const stored = await this.collection.find(allOf(filters)).sort(sortSpec(keys)).limit(size + 1).toArray();
    return toPage<T>(stored, size, (doc) => encodeCursor(ordering, keys.map((key) => readFieldPath(doc, key.path))));
  }

  async count(where?: FindQuery['where']): Promise<number> {
    const conditions = await this.withSpec((indexed) => normalizeWhere(this.name, where, indexed));
    return this.collection.countDocuments(allOf([LIVE, ...conditionFilters(conditions)]));
  }

  /** Documents containing any of the words, best text score first, then by id. */
  async search(text: string, query: Pick<FindQuery, 'where' | 'first' | 'after'> = {}): Promise<Page<T>> {
    // A cached spec without text fields may predate another process declaring some: look again before refusing.
    const cached = await this.declaredSpec();
    const spec = hasTextFields(cached) ? cached : await this.specs.spec(this.name, true);
    if (!spec || !hasTextFields(spec)) throw new InvalidReadQueryError(`Collection ${this.name} declares no text fields to search`);
    const conditions = await this.withSpec((indexed) => normalizeWhere(this.name, query.where, indexed));
    const size = pageSize(query.first);
    const terms = searchTerms(text);
    if (terms.length === 0) return { items: [], cursors: [], hasNextPage: false };

    const ordering = orderingOfSearch(terms);
    // Terms are bare words (no quotes or leading minus), so $search reads them as words joined by OR.
    const pipeline: Document[] = [
      { $match: { $text: { $search: terms.join(' ') }, ...allOf([LIVE, ...conditionFilters(conditions)]) } },
      { $addFields: { _score: { $meta: 'textScore' } } },
    ];
    if (query.after !== undefined) pipeline.push({ $match: keysetFilter(SEARCH_KEYS, decodeCursor(query.after, ordering, SEARCH_KEYS.length)) });
    pipeline.push({ $sort: sortSpec(SEARCH_KEYS) }, { $limit: size + 1 });
    const stored = await this.collection.aggregate<StoredDocument & { _score: number }>(pipeline).toArray();
    return toPage<T>(stored, size, (doc) => encodeCursor(ordering, [doc._score, doc._id]));
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
