import type { CollectionSpec } from './port';
import { DeclaredSpec, type AsyncSpecSource } from './declared-spec';
import { InvalidReadQueryError } from './invalid-read-query-error';

/** A spec source whose cache holds `cached` until a refresh reads `stored`; it counts the refreshes. */
function source(cached: CollectionSpec | undefined, stored: CollectionSpec | undefined): AsyncSpecSource & { refreshes: number } {
  return {
    refreshes: 0,
    async spec(_name, refresh) {
      if (!refresh) return cached;
      this.refreshes += 1;
      cached = stored;
      return stored;
    },
  };
}

describe('a collection’s declared spec, read asynchronously', () => {
  const before: CollectionSpec = { name: 'listings', indexes: ['category'] };
  const after: CollectionSpec = { name: 'listings', indexes: ['category', 'price'], textFields: ['title'] };
  const onPrice = (indexed: ReadonlySet<string>) => {
    if (!indexed.has('price')) throw new InvalidReadQueryError('price is not a declared index');
    return 'ok';
  };

  it('checks against the cached spec, and against a fresh one when another process has redefined the collection since', async () => {
    const specs = source(before, after);
    expect(await new DeclaredSpec('listings', specs).check(onPrice)).toBe('ok');
    expect(specs.refreshes).toBe(1);
    expect(await new DeclaredSpec('listings', specs).searchTerms('Tabu QUBO')).toEqual(['tabu', 'qubo']);
  });

  it('refuses when the fresh spec refuses too, or when the collection was never defined', async () => {
    await expect(new DeclaredSpec('listings', source(before, before)).check(onPrice)).rejects.toThrow(/not a declared index/);
    await expect(new DeclaredSpec('listings', source(before, before)).searchTerms('tabu')).rejects.toThrow(/declares no text fields/);
    await expect(new DeclaredSpec('listings', source(undefined, undefined)).spec()).rejects.toThrow(/Collection listings is not defined/);
  });
});
