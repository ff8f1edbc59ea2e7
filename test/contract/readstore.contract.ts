import { randomBytes } from 'node:crypto';
import { InvalidReadQueryError } from '../../platform/readstore/invalid-read-query-error';
import { ReadQueryTimeoutError, type Checkpoint, type CollectionSpec, type FacetCount, type ReadDocument, type ReadStore, type WriteOperation } from '../../platform/readstore/port';

/**
 * The read-store contract: every adapter passes these, so projections and queries behave the same
 * on SQLite and MongoDB. Collection and projection names are unique per run so the suite can share
 * a database with other runs.
 */
export function readStoreContract(openStore: () => Promise<ReadStore>): void {
  const run = `c${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  let suffix = 0;
  let store: ReadStore;

  /** A fresh collection of solver listings for one test. */
  async function givenListings(options: { textFields?: string[]; indexes?: string[] } = {}): Promise<{ name: string; projection: string }> {
    suffix += 1;
    const spec: CollectionSpec = {
      name: `${run}_listing${suffix}`,
      indexes: options.indexes ?? ['tenantId', 'category', 'rating', 'publishedAt', 'featured'],
      textFields: options.textFields ?? ['title', 'summary'],
    };
    await store.defineCollections([spec]);
    return { name: spec.name, projection: `${run}-projection${suffix}` };
  }

  const upsert = (collection: string, doc: ReadDocument, position: number): WriteOperation => ({ kind: 'upsert', collection, doc, position });
  const patch = (collection: string, id: string, fields: Record<string, unknown>, position: number): WriteOperation => ({ kind: 'patch', collection, id, fields, position });
  const remove = (collection: string, id: string, position: number): WriteOperation => ({ kind: 'delete', collection, id, position });
  const at = (position: number, version = 1): Checkpoint => ({ position, version });

  beforeAll(async () => {
    store = await openStore();
  });

  afterAll(async () => {
    await store.close();
  });

  describe('documents', () => {
    it('upserts, reads, patches and deletes a document', async () => {
      const { name, projection } = await givenListings();
      await store.commit(projection, [upsert(name, { id: 'a', title: 'Annealer', rating: 3 }, 1)], at(1));
      expect(await store.collection(name).get('a')).toEqual({ id: 'a', title: 'Annealer', rating: 3 });

      await store.commit(projection, [patch(name, 'a', { rating: 5, category: 'anneal' }, 2)], at(2));
      expect(await store.collection(name).get('a')).toEqual({ id: 'a', title: 'Annealer', rating: 5, category: 'anneal' });

      await store.commit(projection, [remove(name, 'a', 3)], at(3));
      expect(await store.collection(name).get('a')).toBeUndefined();
      expect(await store.collection(name).count()).toBe(0);
    });

    it('replaces the whole document on upsert', async () => {
      const { name, projection } = await givenListings();
      await store.commit(projection, [upsert(name, { id: 'a', title: 'Old', category: 'x' }, 1), upsert(name, { id: 'a', title: 'New' }, 2)], at(2));
      expect(await store.collection(name).get('a')).toEqual({ id: 'a', title: 'New' });
    });

    it('ignores a patch of a document that does not exist', async () => {
      const { name, projection } = await givenListings();
      await store.commit(projection, [patch(name, 'ghost', { rating: 1 }, 1)], at(1));
      expect(await store.collection(name).get('ghost')).toBeUndefined();
    });

    it('brings a deleted document back only with a later upsert', async () => {
      const { name, projection } = await givenListings();
      await store.commit(projection, [upsert(name, { id: 'a', title: 'First' }, 1), remove(name, 'a', 2), upsert(name, { id: 'a', title: 'Again' }, 3)], at(3));
      expect(await store.collection(name).get('a')).toEqual({ id: 'a', title: 'Again' });
    });

    it('reports stored versions, deleted documents included', async () => {
      const { name, projection } = await givenListings();
      await store.commit(projection, [upsert(name, { id: 'a', title: 'A' }, 4), upsert(name, { id: 'b', title: 'B' }, 5), remove(name, 'b', 6)], at(6));
      const versions = await store.getVersions(name, ['a', 'b', 'never']);
      expect(versions.get('a')).toEqual({ doc: { id: 'a', title: 'A' }, position: 4 });
      expect(versions.get('b')).toEqual({ doc: undefined, position: 6 });
      expect(versions.has('never')).toBe(false);
    });

    it('refuses reserved field names and writes to undefined collections without applying any write of the commit', async () => {
      const { name, projection } = await givenListings();
      await expect(store.commit(projection, [upsert(name, { id: 'a', _position: 1 }, 1)], at(1))).rejects.toThrow(/reserved/);
      await expect(store.commit(projection, [upsert(name, { id: 'a' }, 1), upsert(`${run}_undefined`, { id: 'b' }, 1)], at(1))).rejects.toThrow(/not defined/);
      expect(await store.collection(name).get('a')).toBeUndefined();
      expect(await store.getCheckpoint(projection)).toBeUndefined();
    });

    it('refuses the fields MongoDB reads as a search score and as a text language, in upserts and patches, writing nothing', async () => {
      // Given a listing
      const { name, projection } = await givenListings();
      await store.commit(projection, [upsert(name, { id: 'a', title: 'Tabu' }, 1)], at(1));
      // When a write carries `_score` or `_textLanguage`, then the commit is refused as a bad write
      for (const field of ['_score', '_textLanguage']) {
        await expect(store.commit(projection, [upsert(name, { id: 'b', title: 'Annealer' }, 2), upsert(name, { id: 'c', [field]: 'python' }, 3)], at(3))).rejects.toThrow(
          new RegExp(`Field "${field}" cannot be written.*reserved`),
        );
        await expect(store.commit(projection, [patch(name, 'a', { [field]: 2 }, 2)], at(2))).rejects.toBeInstanceOf(InvalidReadQueryError);
      }
      // And nothing of those commits was written
      expect((await store.collection(name).find()).items).toEqual([{ id: 'a', title: 'Tabu' }]);
      expect(await store.getCheckpoint(projection)).toEqual(at(1));
    });
  });

  describe('collection names', () => {
    it.each(['collections', 'checkpoints', 'collection_versions', 'listings__fts', 'a__ix__b'])(
      'refuses "%s", which would reach the records a store keeps for itself',
      async (name) => {
        await expect(store.defineCollections([{ name, indexes: ['state'] }])).rejects.toThrow(new RegExp(`Collection name "${name}" is reserved`));
        await expect(store.defineCollections([{ name, indexes: [] }])).rejects.toBeInstanceOf(InvalidReadQueryError);
      },
    );

    it("keeps its own records apart from the collections: checkpoints and specs survive a refused definition", async () => {
      // Given a projection with a checkpoint and a defined collection
      const { name, projection } = await givenListings();
      await store.commit(projection, [upsert(name, { id: 'a', title: 'Kept' }, 4)], at(4));
      // When collections named after the store's own records are defined, then they are refused
      await expect(store.defineCollections([{ name: 'checkpoints', indexes: [] }, { name: 'collections', indexes: [] }])).rejects.toBeInstanceOf(InvalidReadQueryError);
      // And the checkpoint, the spec and the document are as they were
      expect(await store.getCheckpoint(projection)).toEqual(at(4));
      expect((await store.collection(name).search('kept')).items).toEqual([{ id: 'a', title: 'Kept' }]);
    });
  });

  describe('one kind of value per declared index (the stores order mixed kinds differently, and MongoDB ranges match one kind)', () => {
    it('refuses a value of another kind than the one the field holds, writing nothing of the commit', async () => {
      // Given listings rated with numbers
      const { name, projection } = await givenListings();
      await store.commit(projection, [upsert(name, { id: 'a', rating: 3, featured: true }, 1)], at(1));
      // When a commit gives the rating a string, or a patch gives it a boolean, then it is refused
      await expect(store.commit(projection, [upsert(name, { id: 'b', rating: 1 }, 2), upsert(name, { id: 'c', rating: 'high' }, 3)], at(3))).rejects.toThrow(
        /Field "rating" of .* holds number values, so a string cannot be written/,
      );
      await expect(store.commit(projection, [patch(name, 'a', { rating: true }, 2)], at(2))).rejects.toBeInstanceOf(InvalidReadQueryError);
      await expect(store.commit(projection, [patch(name, 'a', { featured: 1 }, 2)], at(2))).rejects.toThrow(/Field "featured" .* holds boolean values/);
      // Then nothing of those commits was written
      expect((await store.collection(name).find()).items).toEqual([{ id: 'a', rating: 3, featured: true }]);
      expect(await store.getCheckpoint(projection)).toEqual(at(1));
    });

    it('refuses kinds mixed within one commit of a new collection', async () => {
      const { name, projection } = await givenListings();
      await expect(store.commit(projection, [upsert(name, { id: 'a', publishedAt: '2024-01-01' }, 1), upsert(name, { id: 'b', publishedAt: 20240102 }, 2)], at(2))).rejects.toThrow(
        /Field "publishedAt" .* holds string values, so a number cannot be written/,
      );
      expect(await store.collection(name).count()).toBe(0);
    });

    it('takes null, missing values and arrays of elements of the kind, and anything in fields that are not indexes', async () => {
      // Given tags held as strings
      const { name, projection } = await givenListings({ indexes: ['category', 'tags'] });
      await store.commit(projection, [upsert(name, { id: 'a', tags: ['tabu', 'qubo'], notes: 5 }, 1)], at(1));
      // When documents hold a single tag, none, null, or an undeclared field of another kind
      await store.commit(projection, [upsert(name, { id: 'b', tags: 'exact', notes: 'five' }, 2), upsert(name, { id: 'c', tags: null }, 3), upsert(name, { id: 'd' }, 4), patch(name, 'a', { tags: [] }, 5)], at(5));
      // Then they are written, and an array of numbers is not
      expect(await store.collection(name).count()).toBe(4);
      await expect(store.commit(projection, [upsert(name, { id: 'e', tags: ['tabu', 7] }, 6)], at(6))).rejects.toThrow(/Field "tags" .* holds string values/);
    });

    it('forgets the kinds on a reset, so a rebuild may change them', async () => {
      // Given ratings held as numbers
      const { name, projection } = await givenListings();
      await store.commit(projection, [upsert(name, { id: 'a', rating: 3 }, 1)], at(1));
      // When the projection is reset and rebuilt with ratings as strings
      await store.reset(projection, [name]);
      await store.commit(projection, [upsert(name, { id: 'a', rating: 'high' }, 1), upsert(name, { id: 'b', rating: 'low' }, 2)], at(2));
      // Then pages sort by the new kind
      const page = await store.collection(name).find({ sort: [{ field: 'rating', direction: 'asc' }] });
      expect(page.items.map((doc) => doc.rating)).toEqual(['high', 'low']);
    });

    it('keeps the kinds of the fields still declared when a collection is redefined, and frees the fields no longer declared', async () => {
      // Given ratings held as numbers and categories as strings
      const { name, projection } = await givenListings();
      await store.commit(projection, [upsert(name, { id: 'a', rating: 3, category: 'routing' }, 1)], at(1));
      // When the collection is redefined without the category index
      await store.defineCollections([{ name, indexes: ['rating'], textFields: ['title'] }]);
      // Then a category may hold a number, and a rating still only numbers
      await store.commit(projection, [upsert(name, { id: 'b', rating: 4, category: 7 }, 2)], at(2));
      await expect(store.commit(projection, [upsert(name, { id: 'c', rating: 'high' }, 3)], at(3))).rejects.toThrow(/Field "rating" .* holds number values/);
    });
  });

  describe('find', () => {
    const listings: ReadDocument[] = Array.from({ length: 53 }, (_, i) => ({
      id: `l${String(i).padStart(3, '0')}`,
      tenantId: i % 3 === 0 ? 't1' : 't2',
      category: ['anneal', 'tabu', 'genetic', null][i % 4],
      rating: i % 5 === 4 ? null : i % 5,
      publishedAt: `2024-01-${String((i % 28) + 1).padStart(2, '0')}`,
      featured: i % 7 === 0,
      title: `Listing ${i}`,
    }));
    let name: string;

    beforeAll(async () => {
      const collection = await givenListings();
      name = collection.name;
      await store.commit(collection.projection, listings.map((doc, i) => upsert(name, doc, i + 1)), at(listings.length));
    });

    const ids = (docs: readonly ReadDocument[]) => docs.map((doc) => doc.id);
    const expected = (keep: (doc: ReadDocument) => boolean) => ids(listings.filter(keep));

    it('filters by equality, null and booleans', async () => {
      const page = await store.collection(name).find({ where: { tenantId: 't1', featured: true }, first: 100 });
      expect(ids(page.items)).toEqual(expected((doc) => doc.tenantId === 't1' && doc.featured === true));

      const uncategorised = await store.collection(name).find({ where: { category: null }, first: 100 });
      expect(ids(uncategorised.items)).toEqual(expected((doc) => doc.category === null));
    });

    it('filters by membership, null included', async () => {
      const page = await store.collection(name).find({ where: { category: { in: ['tabu', null] } }, first: 100 });
      expect(ids(page.items)).toEqual(expected((doc) => doc.category === 'tabu' || doc.category === null));
      expect((await store.collection(name).find({ where: { category: { in: [] } } })).items).toEqual([]);
    });

    it('filters by ranges on numbers and strings', async () => {
      const page = await store.collection(name).find({ where: { rating: { gte: 1, lt: 3 }, publishedAt: { gt: '2024-01-10' } }, first: 100 });
      expect(ids(page.items)).toEqual(
        expected((doc) => typeof doc.rating === 'number' && doc.rating >= 1 && doc.rating < 3 && String(doc.publishedAt) > '2024-01-10'),
      );
    });

    it('sorts on indexed fields with id as the final tie-breaker, nulls first ascending and last descending', async () => {
      const ascending = await store.collection(name).find({ sort: [{ field: 'rating', direction: 'asc' }], first: 100 });
      expect(ids(ascending.items)).toEqual(ids(sortListings(listings, 'rating', 'asc')));

      const descending = await store.collection(name).find({ sort: [{ field: 'rating', direction: 'desc' }], first: 100 });
      expect(ids(descending.items)).toEqual(ids(sortListings(listings, 'rating', 'desc')));
    });

    it.each([
      ['rating ascending', 'rating', 'asc'],
      ['rating descending', 'rating', 'desc'],
      ['category descending', 'category', 'desc'],
      ['publication date ascending', 'publishedAt', 'asc'],
    ] as const)('pages through every match sorted by %s with no item lost or repeated', async (_label, field, direction) => {
      const where = { tenantId: 't2' };
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      for (;;) {
        const page = await store.collection(name).find({ where, sort: [{ field, direction }], first: 6, after });
        seen.push(...ids(page.items));
        pages += 1;
        if (!page.hasNextPage) break;
        after = page.endCursor;
      }
      const all = sortListings(listings.filter((doc) => doc.tenantId === 't2'), field, direction);
      expect(seen).toEqual(ids(all));
      expect(pages).toBe(Math.ceil(all.length / 6));
    });

    it('returns an empty last page without a cursor', async () => {
      const page = await store.collection(name).find({ where: { tenantId: 'nobody' } });
      expect(page).toEqual({ items: [], cursors: [], endCursor: undefined, hasNextPage: false });
    });

    it("continues right behind any item's own cursor", async () => {
      const sort = [{ field: 'rating', direction: 'desc' }] as const;
      const page = await store.collection(name).find({ where: { tenantId: 't2' }, sort, first: 6 });
      expect(page.cursors).toHaveLength(page.items.length);
      expect(page.endCursor).toBe(page.cursors.at(-1));
      const behindThird = await store.collection(name).find({ where: { tenantId: 't2' }, sort, first: 3, after: page.cursors[2] });
      expect(ids(behindThird.items)).toEqual(ids(page.items.slice(3, 6)));
    });

    it('counts matches', async () => {
      expect(await store.collection(name).count()).toBe(listings.length);
      expect(await store.collection(name).count({ tenantId: 't1', rating: { gte: 2 } })).toBe(
        listings.filter((doc) => doc.tenantId === 't1' && typeof doc.rating === 'number' && doc.rating >= 2).length,
      );
    });

    it('refuses conditions and sorts on fields that are not declared indexes', async () => {
      await expect(store.collection(name).find({ where: { title: 'Listing 1' } })).rejects.toThrow(/not a declared index/);
      await expect(store.collection(name).find({ sort: [{ field: 'title', direction: 'asc' }] })).rejects.toThrow(/not a declared index/);
      await expect(store.collection(name).count({ title: 'Listing 1' })).rejects.toThrow(/not a declared index/);
    });

    it('refuses a malformed cursor and a cursor from another sort', async () => {
      const page = await store.collection(name).find({ sort: [{ field: 'rating', direction: 'asc' }], first: 2 });
      await expect(store.collection(name).find({ sort: [{ field: 'rating', direction: 'desc' }], after: page.endCursor })).rejects.toThrow(/different sort/);
      await expect(store.collection(name).find({ after: 'not-a-cursor' })).rejects.toThrow(/Malformed cursor/);
    });

    it('finds by declared indexes added after documents were written', async () => {
      await store.defineCollections([{ name, indexes: ['tenantId', 'category', 'rating', 'publishedAt', 'featured', 'title'], textFields: ['title', 'summary'] }]);
      const page = await store.collection(name).find({ where: { title: 'Listing 7' } });
      expect(ids(page.items)).toEqual(['l007']);
    });
  });

  describe('search', () => {
    let name: string;

    beforeAll(async () => {
      const collection = await givenListings();
      name = collection.name;
      await store.commit(
        collection.projection,
        [
          upsert(name, { id: 'short', tenantId: 't1', title: 'Tabu search', summary: 'Tabu search for QUBO' }, 1),
          upsert(name, { id: 'long', tenantId: 't1', title: 'Annealing toolkit', summary: 'Simulated annealing with restarts, schedules, parallel tempering and a tabu phase at the end' }, 2),
          upsert(name, { id: 'other', tenantId: 't2', title: 'Tabu lists', summary: 'Tabu tabu tabu' }, 3),
          upsert(name, { id: 'foo', tenantId: 't2', title: 'Foo heuristic', summary: 'Nothing to see' }, 4),
          upsert(name, { id: 'bar', tenantId: 't2', title: 'Bar method', summary: 'Plain text' }, 5),
          upsert(name, { id: 'gone', tenantId: 't1', title: 'Tabu gone', summary: 'deleted' }, 6),
          remove(name, 'gone', 7),
        ],
        at(7),
      );
    });

    it('ranks documents where the words weigh more first', async () => {
      const page = await store.collection(name).search('tabu');
      expect(page.items.map((doc) => doc.id)).toEqual(['other', 'short', 'long']);
    });

    it('matches case-insensitively on any of the words', async () => {
      const page = await store.collection(name).search('ANNEALING Foo');
      expect(page.items.map((doc) => doc.id).sort()).toEqual(['foo', 'long']);
    });

    it('narrows by indexed conditions', async () => {
      const page = await store.collection(name).search('tabu', { where: { tenantId: 't1' } });
      expect(page.items.map((doc) => doc.id)).toEqual(['short', 'long']);
    });

    it('pages through results in rank order', async () => {
      const first = await store.collection(name).search('tabu', { first: 2 });
      expect(first.hasNextPage).toBe(true);
      const second = await store.collection(name).search('tabu', { first: 2, after: first.endCursor });
      expect([...first.items, ...second.items].map((doc) => doc.id)).toEqual(['other', 'short', 'long']);
      expect(second.hasNextPage).toBe(false);
    });

    it('treats hostile input as plain words', async () => {
      const page = await store.collection(name).search('"foo OR bar*');
      expect(page.items.map((doc) => doc.id).sort()).toEqual(['bar', 'foo']);
      for (const hostile of ['"', '*', 'NOT', '(tabu', 'title:tabu', 'tabu NEAR/2 qubo', '-tabu', '^tabu']) {
        await expect(store.collection(name).search(hostile)).resolves.toBeDefined();
      }
      expect((await store.collection(name).search('*** ---')).items).toEqual([]);
    });

    it('keeps the text index in step with patches and deletes', async () => {
      const { name: own, projection } = await givenListings();
      await store.commit(projection, [upsert(own, { id: 'a', title: 'Genetic crossover' }, 1)], at(1));
      await store.commit(projection, [patch(own, 'a', { title: 'Parallel tempering' }, 2)], at(2));
      expect((await store.collection(own).search('genetic')).items).toEqual([]);
      expect((await store.collection(own).search('tempering')).items.map((doc) => doc.id)).toEqual(['a']);
      await store.commit(projection, [remove(own, 'a', 3)], at(3));
      expect((await store.collection(own).search('tempering')).items).toEqual([]);
    });

    it('refuses to search a collection that declares no text fields', async () => {
      const { name: own } = await givenListings({ textFields: [] });
      await expect(store.collection(own).search('tabu')).rejects.toThrow(/declares no text fields/);
    });

    it('searches text fields declared after documents were written', async () => {
      const { name: own, projection } = await givenListings({ textFields: ['title'] });
      await store.commit(projection, [upsert(own, { id: 'a', title: 'Solver', summary: 'branch and bound' }, 1)], at(1));
      expect((await store.collection(own).search('bound')).items).toEqual([]);
      await store.defineCollections([{ name: own, indexes: ['tenantId'], textFields: ['title', 'summary'] }]);
      expect((await store.collection(own).search('bound')).items.map((doc) => doc.id)).toEqual(['a']);
    });
  });

  describe('discovery: counts, sorted search and facets', () => {
    // Listings as the marketplace shows them: a category (some none), a price (some none), tags
    // (mostly arrays, some a single string), a licence flag, and a title that mentions tabu or not.
    const catalogue: ReadDocument[] = Array.from({ length: 30 }, (_, i) => ({
      id: `d${String(i).padStart(2, '0')}`,
      tenantId: i % 3 === 0 ? 't1' : 't2',
      category: ['routing', 'scheduling', 'routing', 'finance', null][i % 5],
      price: i % 6 === 5 ? null : i * 4,
      rating: i % 4,
      tags: i % 7 === 0 ? 'exact' : i % 2 === 0 ? ['tabu', 'qubo'] : ['anneal'],
      featured: i % 4 === 0,
      title: i % 3 === 1 ? `Tabu solver ${i}` : `Annealer ${i}`,
      summary: i % 10 === 0 ? 'Parallel tempering' : 'Heuristic',
    }));
    const mentionsTabu = (doc: ReadDocument) => String(doc.title).includes('Tabu');
    const ids = (docs: readonly ReadDocument[]) => docs.map((doc) => doc.id);
    let name: string;

    beforeAll(async () => {
      const collection = await givenListings({ indexes: ['tenantId', 'category', 'price', 'rating', 'tags', 'featured'] });
      name = collection.name;
      const gone = { id: 'gone', tenantId: 't1', category: 'routing', price: 1, tags: ['tabu'], featured: true, title: 'Tabu gone', summary: 'deleted' };
      await store.commit(
        collection.projection,
        [...catalogue.map((doc, i) => upsert(name, doc, i + 1)), upsert(name, gone, 31), remove(name, 'gone', 32)],
        at(32),
      );
    });

    describe('count', () => {
      it('counts the documents a text search finds, deleted ones never', async () => {
        // When counting with a text
        const count = await store.collection(name).count(undefined, { text: 'tabu' });
        // Then it is the number of documents the search pages through
        expect(count).toBe(catalogue.filter(mentionsTabu).length);
        expect(count).toBe((await store.collection(name).search('tabu', { first: 100 })).items.length);
      });

      it('counts text matches narrowed by conditions, and nothing for a text without words', async () => {
        expect(await store.collection(name).count({ tenantId: 't2', rating: { gte: 1 } }, { text: 'TABU' })).toBe(
          catalogue.filter((doc) => mentionsTabu(doc) && doc.tenantId === 't2' && Number(doc.rating) >= 1).length,
        );
        expect(await store.collection(name).count(undefined, { text: ' *** ' })).toBe(0);
      });

      it('never counts a deleted document, whatever the condition', async () => {
        expect(await store.collection(name).count({ category: 'routing' })).toBe(catalogue.filter((doc) => doc.category === 'routing').length);
        expect(await store.collection(name).count({ category: null })).toBe(catalogue.filter((doc) => doc.category === null).length);
        expect(await store.collection(name).count({ id: 'gone' })).toBe(0);
      });
    });

    describe('search in the order of a field', () => {
      it.each(['asc', 'desc'] as const)('pages through every match by price %s with no item lost or repeated', async (direction) => {
        // Given pages of 4 of the listings mentioning tabu, sorted by price
        const seen: string[] = [];
        let after: string | undefined;
        let pages = 0;
        // When following the cursors to the end
        for (;;) {
          const page = await store.collection(name).search('tabu', { sort: [{ field: 'price', direction }], first: 4, after });
          seen.push(...ids(page.items));
          pages += 1;
          if (!page.hasNextPage) break;
          after = page.endCursor;
        }
        // Then every match comes once, in price order (no price first ascending), id breaking ties
        const all = sortListings(catalogue.filter(mentionsTabu), 'price', direction);
        expect(seen).toEqual(ids(all));
        expect(pages).toBe(Math.ceil(all.length / 4));
      });

      it('narrows the sorted matches by conditions and continues behind any item', async () => {
        const sort = [{ field: 'rating', direction: 'desc' }] as const;
        const page = await store.collection(name).search('tabu annealer', { where: { tenantId: 't2' }, sort, first: 6 });
        const expected = sortListings(catalogue.filter((doc) => doc.tenantId === 't2'), 'rating', 'desc');
        expect(ids(page.items)).toEqual(ids(expected.slice(0, 6)));
        const behindSecond = await store.collection(name).search('tabu annealer', { where: { tenantId: 't2' }, sort, first: 3, after: page.cursors[1] });
        expect(ids(behindSecond.items)).toEqual(ids(expected.slice(2, 5)));
      });

      it('refuses a cursor of the best-match order or of another sort', async () => {
        const bestMatch = await store.collection(name).search('tabu', { first: 2 });
        await expect(store.collection(name).search('tabu', { sort: [{ field: 'price', direction: 'asc' }], after: bestMatch.endCursor })).rejects.toThrow(/different sort/);
        const byPrice = await store.collection(name).search('tabu', { sort: [{ field: 'price', direction: 'asc' }], first: 2 });
        await expect(store.collection(name).search('tabu', { after: byPrice.endCursor })).rejects.toThrow(/different sort/);
        await expect(store.collection(name).find({ sort: [{ field: 'price', direction: 'asc' }], after: byPrice.endCursor })).rejects.toThrow(/different sort/);
      });
    });

    describe('distinct facets', () => {
      it('counts each value, most frequent first then by value, leaving out missing values and deleted documents', async () => {
        const facets = await store.collection(name).facets({ category: { field: 'category' }, featured: { field: 'featured' } });
        expect(facets).toEqual({
          category: [
            { value: 'routing', count: 12 },
            { value: 'finance', count: 6 },
            { value: 'scheduling', count: 6 },
          ],
          featured: [
            { value: false, count: 22 },
            { value: true, count: 8 },
          ],
        });
      });

      it('keeps the most frequent values up to the limit', async () => {
        const facets = await store.collection(name).facets({ category: { field: 'category', limit: 2 } });
        expect(facets.category).toEqual([
          { value: 'routing', count: 12 },
          { value: 'finance', count: 6 },
        ]);
      });

      it('counts each element of an array value, and a single value as one', async () => {
        const facets = await store.collection(name).facets({ tags: { field: 'tags' } });
        expect(facets.tags).toEqual(distinctCounts(catalogue, 'tags'));
        expect(facets.tags).toEqual([
          { value: 'anneal', count: 13 },
          { value: 'qubo', count: 12 },
          { value: 'tabu', count: 12 },
          { value: 'exact', count: 5 },
        ]);
      });

      it('counts among the documents matching the conditions and the text', async () => {
        const narrowed = (doc: ReadDocument) => doc.tenantId === 't2' && mentionsTabu(doc);
        const facets = await store.collection(name).facets(
          { category: { field: 'category' }, tags: { field: 'tags' } },
          { where: { tenantId: 't2' }, text: 'tabu' },
        );
        expect(facets).toEqual({ category: distinctCounts(catalogue.filter(narrowed), 'category'), tags: distinctCounts(catalogue.filter(narrowed), 'tags') });
        expect(await store.collection(name).facets({ category: { field: 'category' } }, { where: { rating: { gt: 2 } } })).toEqual({
          category: distinctCounts(catalogue.filter((doc) => Number(doc.rating) > 2), 'category'),
        });
      });

      it('answers no values when nothing matches', async () => {
        expect(await store.collection(name).facets({ category: { field: 'category' } }, { where: { tenantId: 'nobody' } })).toEqual({ category: [] });
        expect(await store.collection(name).facets({ category: { field: 'category' } }, { text: '---' })).toEqual({ category: [] });
        expect(await store.collection(name).facets({})).toEqual({});
      });
    });

    describe('bucket facets', () => {
      const priceBands = { field: 'price', buckets: [0, 10, 50, 100] } as const;

      it('counts numbers per bucket [from, to), the last one open, every bucket listed', async () => {
        // prices 0, 4, …, 116 except every sixth listing's
        const facets = await store.collection(name).facets({ price: priceBands, premium: { field: 'price', buckets: [200, 500] } });
        expect(facets).toEqual({
          price: [
            { value: '0-10', count: 3, from: 0, to: 10 },
            { value: '10-50', count: 8, from: 10, to: 50 },
            { value: '50-100', count: 10, from: 50, to: 100 },
            { value: '100+', count: 4, from: 100, to: null },
          ],
          premium: [
            { value: '200-500', count: 0, from: 200, to: 500 },
            { value: '500+', count: 0, from: 500, to: null },
          ],
        });
      });

      it('counts numbers only: booleans (SQL holds them as 1 and 0) and strings are left out, the numbers 0 and 1 are counted', async () => {
        const edges = [0, 1, 2];
        const facets = await store.collection(name).facets({ rating: { field: 'rating', buckets: edges }, featured: { field: 'featured', buckets: edges }, tags: { field: 'tags', buckets: [0] } });
        const ratings = catalogue.map((doc) => doc.rating as number);
        expect(facets.rating.map((bucket) => bucket.count)).toEqual([ratings.filter((r) => r === 0).length, ratings.filter((r) => r === 1).length, ratings.filter((r) => r >= 2).length]);
        expect(facets.featured.map((bucket) => bucket.count)).toEqual([0, 0, 0]);
        expect(facets.tags.map((bucket) => bucket.count)).toEqual([0]);
      });

      it('leaves out values below the first edge', async () => {
        const facets = await store.collection(name).facets({ price: { field: 'price', buckets: [50] } });
        expect(facets.price).toEqual([{ value: '50+', count: 14, from: 50, to: null }]);
      });

      it('counts among the text matches', async () => {
        const facets = await store.collection(name).facets({ price: priceBands }, { text: 'tabu' });
        const prices = catalogue.filter(mentionsTabu).map((doc) => doc.price).filter((price): price is number => typeof price === 'number');
        const inBand = (from: number, to: number) => prices.filter((price) => price >= from && price < to).length;
        expect(facets.price.map((bucket) => bucket.count)).toEqual([inBand(0, 10), inBand(10, 50), inBand(50, 100), inBand(100, Infinity)]);
        expect((await store.collection(name).facets({ price: priceBands }, { text: '' })).price.map((bucket) => bucket.count)).toEqual([0, 0, 0, 0]);
      });
    });

    describe('counts and facet filters', () => {
      it('counts the matching documents, each count under its own filter, in the same request as the facets', async () => {
        const matching = catalogue.filter((doc) => doc.tenantId === 't2' && mentionsTabu(doc));
        const cheap = (doc: ReadDocument) => typeof doc.price === 'number' && doc.price <= 40;
        const facets = await store.collection(name).facets(
          { total: { filter: {} }, cheap: { filter: { price: { lte: 40 } } }, cheapRouting: { filter: { price: { lte: 40 }, category: 'routing' } }, category: { field: 'category' } },
          { where: { tenantId: 't2' }, text: 'tabu' },
        );
        expect(facets).toEqual({
          total: matching.length,
          cheap: matching.filter(cheap).length,
          cheapRouting: matching.filter((doc) => cheap(doc) && doc.category === 'routing').length,
          category: distinctCounts(matching, 'category'),
        });
        expect(await store.collection(name).facets({ total: { filter: {} }, featured: { filter: { featured: true } } })).toEqual({
          total: catalogue.length,
          featured: catalogue.filter((doc) => doc.featured === true).length,
        });
      });

      it("counts a facet's values and buckets among the documents that also meet its filter, beside facets without one", async () => {
        const rated = (doc: ReadDocument) => Number(doc.rating) >= 2;
        const facets = await store.collection(name).facets({
          ratedCategories: { field: 'category', filter: { rating: { gte: 2 } } },
          categories: { field: 'category' },
          ratedPrices: { field: 'price', buckets: [0, 50], filter: { rating: { gte: 2 } } },
        });
        const ratedPrices = catalogue.filter(rated).map((doc) => doc.price).filter((price): price is number => typeof price === 'number');
        expect(facets).toEqual({
          ratedCategories: distinctCounts(catalogue.filter(rated), 'category'),
          categories: distinctCounts(catalogue, 'category'),
          ratedPrices: [
            { value: '0-50', count: ratedPrices.filter((price) => price < 50).length, from: 0, to: 50 },
            { value: '50+', count: ratedPrices.filter((price) => price >= 50).length, from: 50, to: null },
          ],
        });
      });

      it('counts 0 when nothing matches', async () => {
        expect(await store.collection(name).facets({ total: { filter: {} } }, { where: { tenantId: 'nobody' } })).toEqual({ total: 0 });
        expect(await store.collection(name).facets({ total: { filter: {} }, category: { field: 'category' } }, { text: '---' })).toEqual({ total: 0, category: [] });
        expect(await store.collection(name).facets({ none: { filter: { tenantId: 'nobody' } } })).toEqual({ none: 0 });
      });
    });

    it('refuses facets on undeclared or unindexed fields and malformed facets', async () => {
      const collection = store.collection(name);
      await expect(collection.facets({ title: { field: 'title' } })).rejects.toBeInstanceOf(InvalidReadQueryError);
      await expect(collection.facets({ title: { field: 'title' } })).rejects.toThrow(/not a declared index/);
      await expect(collection.facets({ nope: { field: 'nope' } })).rejects.toThrow(/not a declared index/);
      await expect(collection.facets({ id: { field: 'id' } })).rejects.toBeInstanceOf(InvalidReadQueryError);
      await expect(collection.facets({ price: { field: 'price', buckets: [10, 5] } })).rejects.toBeInstanceOf(InvalidReadQueryError);
      await expect(collection.facets({ price: { field: 'price', buckets: [] } })).rejects.toBeInstanceOf(InvalidReadQueryError);
      await expect(collection.facets({ category: { field: 'category', limit: 0 } })).rejects.toBeInstanceOf(InvalidReadQueryError);
      await expect(collection.facets({ category: { field: 'category' } }, { where: { title: 'x' } })).rejects.toThrow(/not a declared index/);
      await expect(collection.facets({ category: { field: 'category', filter: { title: 'x' } } })).rejects.toThrow(/not a declared index/);
      await expect(collection.facets({ nothing: {} as never })).rejects.toBeInstanceOf(InvalidReadQueryError);
    });

    it('refuses a text on a collection without text fields', async () => {
      const { name: plain } = await givenListings({ textFields: [] });
      await expect(store.collection(plain).count(undefined, { text: 'tabu' })).rejects.toThrow(/declares no text fields/);
      await expect(store.collection(plain).facets({ category: { field: 'category' } }, { text: 'tabu' })).rejects.toThrow(/declares no text fields/);
    });

    it('times out every query whose budget is spent, and answers within a budget that suffices', async () => {
      const collection = store.collection(name);
      const spent = { maxTimeMs: 0 };
      await expect(collection.find(spent)).rejects.toBeInstanceOf(ReadQueryTimeoutError);
      await expect(collection.count(undefined, spent)).rejects.toBeInstanceOf(ReadQueryTimeoutError);
      await expect(collection.search('tabu', spent)).rejects.toBeInstanceOf(ReadQueryTimeoutError);
      await expect(collection.facets({ category: { field: 'category' } }, spent)).rejects.toBeInstanceOf(ReadQueryTimeoutError);
      await expect(collection.find({ maxTimeMs: Number.NaN })).rejects.toBeInstanceOf(InvalidReadQueryError);

      const ample = { maxTimeMs: 60_000 };
      expect(await collection.count({ tenantId: 't1' }, { text: 'tabu', ...ample })).toBe(catalogue.filter((doc) => doc.tenantId === 't1' && mentionsTabu(doc)).length);
      expect((await collection.find({ first: 100, ...ample })).items).toHaveLength(catalogue.length);
      expect((await collection.search('tabu', { sort: [{ field: 'price', direction: 'asc' }], first: 100, ...ample })).items).toHaveLength(catalogue.filter(mentionsTabu).length);
      expect((await collection.facets({ category: { field: 'category' } }, ample)).category).toHaveLength(3);
    });
  });

  describe('commits and checkpoints', () => {
    it('moves the checkpoint with the writes, forward only', async () => {
      const { name, projection } = await givenListings();
      expect(await store.getCheckpoint(projection)).toBeUndefined();
      await store.commit(projection, [upsert(name, { id: 'a' }, 5)], at(5));
      expect(await store.getCheckpoint(projection)).toEqual(at(5));
      await store.commit(projection, [], at(9));
      expect(await store.getCheckpoint(projection)).toEqual(at(9));
      await store.commit(projection, [], at(7));
      expect(await store.getCheckpoint(projection)).toEqual(at(9));
    });

    it("stores the version of the projection's fold with the checkpoint, and forgets it on a reset", async () => {
      const { name, projection } = await givenListings();
      await store.commit(projection, [upsert(name, { id: 'a' }, 5)], at(5, 1));
      expect(await store.getCheckpoint(projection)).toEqual(at(5, 1));
      // a rebuild by version 2 of the fold: reset, then its commits
      await store.reset(projection, [name]);
      expect(await store.getCheckpoint(projection)).toBeUndefined();
      await store.commit(projection, [upsert(name, { id: 'a' }, 3)], at(3, 2));
      expect(await store.getCheckpoint(projection)).toEqual(at(3, 2));
      await store.commit(projection, [], at(8, 2));
      expect(await store.getCheckpoint(projection)).toEqual(at(8, 2));
    });

    it("keeps a projection's dead letters as the runner writes them: parked with the checkpoint past the event, resolved later, each once", async () => {
      // the runner's own collection of one projection's parked events (platform/health/parked-event.ts)
      suffix += 1;
      const deadLetters = `${run}_parked${suffix}`;
      const projection = `${run}-projection${suffix}`;
      await store.defineCollections([{ name: deadLetters, indexes: ['status', 'position'] }]);
      const parked = { id: `${projection}:7`, position: 7, status: 'parked', attempts: 1, error: 'Error: cannot parse title' };
      // parked in the commit that moves the checkpoint past it, and again after a crash before the checkpoint (MongoDB)
      await store.commit(projection, [upsert(deadLetters, parked, 7)], at(7));
      await store.commit(projection, [upsert(deadLetters, { ...parked, error: 'redelivered' }, 7)], at(7));
      expect(await store.getCheckpoint(projection)).toEqual(at(7));
      expect(await store.collection(deadLetters).get(parked.id)).toEqual(parked);
      // resolved by the operator's request at a later position, once
      await store.commit(projection, [patch(deadLetters, parked.id, { status: 'retried', attempts: 2 }, 12)], at(12));
      await store.commit(projection, [patch(deadLetters, parked.id, { attempts: 3 }, 12)], at(12));
      expect(await store.collection(deadLetters).get(parked.id)).toEqual({ ...parked, status: 'retried', attempts: 2 });
      expect(await store.collection(deadLetters).count({ status: 'parked' })).toBe(0);
      expect((await store.collection(deadLetters).find({ where: { status: 'retried' }, sort: [{ field: 'position', direction: 'asc' }] })).items).toHaveLength(1);
      // and reset with its projection on a rebuild
      await store.reset(projection, [deadLetters]);
      expect(await store.collection(deadLetters).count()).toBe(0);
      expect(await store.getCheckpoint(projection)).toBeUndefined();
    });

    it('gives the same state when the same writes are delivered twice', async () => {
      const { name, projection } = await givenListings();
      const batches: WriteOperation[][] = [
        [upsert(name, { id: 'a', title: 'A', rating: 1 }, 1), upsert(name, { id: 'b', title: 'B', rating: 2 }, 2)],
        [patch(name, 'a', { rating: 3 }, 3), remove(name, 'b', 4)],
        [upsert(name, { id: 'c', title: 'C' }, 5), patch(name, 'c', { rating: 9 }, 6)],
      ];
      const snapshot = async () => ({
        docs: (await store.collection(name).find({ first: 100 })).items,
        checkpoint: await store.getCheckpoint(projection),
        search: (await store.collection(name).search('a b c')).items.map((doc) => doc.id),
      });

      const lastPosition = (writes: WriteOperation[]) => writes[writes.length - 1].position;
      for (const writes of batches) await store.commit(projection, writes, at(lastPosition(writes)));
      const once = await snapshot();
      for (const writes of batches) await store.commit(projection, writes, at(lastPosition(writes)));
      for (const writes of [...batches].reverse()) await store.commit(projection, writes, at(lastPosition(writes)));

      expect(await snapshot()).toEqual(once);
      expect(once.docs).toEqual([
        { id: 'a', title: 'A', rating: 3 },
        { id: 'c', title: 'C', rating: 9 },
      ]);
    });

    it('resets a projection: documents, tombstones and checkpoint gone, collection still usable', async () => {
      const { name, projection } = await givenListings();
      await store.commit(projection, [upsert(name, { id: 'a', title: 'Tabu' }, 1), upsert(name, { id: 'b' }, 2), remove(name, 'b', 3)], at(3));
      await store.reset(projection, [name]);

      expect(await store.collection(name).count()).toBe(0);
      expect(await store.getCheckpoint(projection)).toBeUndefined();
      expect((await store.getVersions(name, ['a', 'b'])).size).toBe(0);
      expect((await store.collection(name).search('tabu')).items).toEqual([]);

      await store.commit(projection, [upsert(name, { id: 'b', title: 'Back' }, 1)], at(1));
      expect(await store.collection(name).get('b')).toEqual({ id: 'b', title: 'Back' });
    });

    it('defines collections idempotently', async () => {
      const { name, projection } = await givenListings();
      await store.commit(projection, [upsert(name, { id: 'a', title: 'Kept' }, 1)], at(1));
      const spec = { name, indexes: ['tenantId', 'category', 'rating', 'publishedAt', 'featured'], textFields: ['title', 'summary'] };
      await store.defineCollections([spec]);
      await store.defineCollections([spec]);
      expect(await store.collection(name).get('a')).toEqual({ id: 'a', title: 'Kept' });
      expect((await store.collection(name).search('kept')).items.map((doc) => doc.id)).toEqual(['a']);
    });
  });
}

/** The order both stores use: null first ascending (last descending), then id ascending. */
function sortListings(docs: readonly ReadDocument[], field: string, direction: 'asc' | 'desc'): ReadDocument[] {
  const rank = (value: unknown) => (value === null || value === undefined ? 0 : 1);
  const compareValues = (a: unknown, b: unknown): number => {
    if (rank(a) !== rank(b)) return rank(a) - rank(b);
    if (rank(a) === 0) return 0;
    return (a as number | string) < (b as number | string) ? -1 : (a as number | string) > (b as number | string) ? 1 : 0;
  };
  return [...docs].sort((a, b) => {
    const byField = compareValues(a[field], b[field]) * (direction === 'asc' ? 1 : -1);
    return byField !== 0 ? byField : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** The distinct-facet answer computed from the documents: array elements counted each, missing values left out. */
function distinctCounts(docs: readonly ReadDocument[], field: string): FacetCount[] {
  const counts = new Map<string, number>();
  for (const doc of docs) {
    const value = doc[field];
    for (const element of Array.isArray(value) ? value : [value]) {
      if (typeof element === 'string') counts.set(element, (counts.get(element) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0))
    .map(([value, count]) => ({ value, count }));
}
