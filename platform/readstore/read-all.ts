import type { FindQuery, ReadCollection, ReadDocument } from './port';
import { MAX_PAGE_SIZE } from './query-shape';

/** Every page of a query, in its order, up to `limit` documents: for folds that need all of them. */
export async function readAll<T extends ReadDocument>(collection: ReadCollection<T>, query: Omit<FindQuery, 'first' | 'after'>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const documents: T[] = [];
  let after: string | undefined;
  do {
    const page = await collection.find({ ...query, first: Math.min(MAX_PAGE_SIZE, limit - documents.length), after });
    documents.push(...page.items);
    after = page.hasNextPage ? page.endCursor : undefined;
  } while (after && documents.length < limit);
  return documents;
}
