import type { ReadDocument } from '../readstore/port';
import type { ReplayContext } from './replay-projection';

/**
 * Throwaway read models for one replay, held in maps. A replay folds a tenant's history once from
 * nothing, so it needs none of what the real stores add (checkpoints, position guards against
 * redelivery, indexes): only the write semantics handlers rely on, which are the stores' own —
 * a patch sets the defined fields of an existing document and does nothing to a missing one.
 */
export class InMemoryReadModels implements ReplayContext {
  private readonly collections = new Map<string, Map<string, ReadDocument>>();

  async get<T extends ReadDocument = ReadDocument>(collection: string, id: string): Promise<T | undefined> {
    const doc = this.documents(collection).get(id);
    // A copy: as with the real stores, an edit counts only through upsert/patch.
    return doc === undefined ? undefined : (structuredClone(doc) as T);
  }

  upsert(collection: string, doc: ReadDocument): void {
    this.documents(collection).set(doc.id, structuredClone(doc));
  }

  patch(collection: string, id: string, fields: Readonly<Record<string, unknown>>): void {
    const documents = this.documents(collection);
    const doc = documents.get(id);
    if (!doc) return;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    documents.set(id, { ...doc, ...structuredClone(defined) });
  }

  delete(collection: string, id: string): void {
    this.documents(collection).delete(id);
  }

  /** The documents of a collection, ordered by id so that two replays print the same. */
  list(collection: string): ReadDocument[] {
    return [...this.documents(collection).values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  private documents(collection: string): Map<string, ReadDocument> {
    let documents = this.collections.get(collection);
    if (!documents) {
      documents = new Map();
      this.collections.set(collection, documents);
    }
    return documents;
  }
}
