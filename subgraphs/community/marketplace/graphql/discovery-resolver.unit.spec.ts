import 'reflect-metadata';
import { ReadQueryTimeoutError } from '../../../../platform/readstore/port';
import { LicenseType } from '../../graphql/license-type';
import { DiscoveryResolver } from './discovery-resolver';
import { AlgorithmSort, type DiscoverAlgorithmsInput } from './discovery-types';

const context = { auth: { subject: 'bob', roles: ['ANALYST'], tenantId: 'globex', tokenId: 't', authMethod: 'development' }, correlationId: 'c', requestId: 'r' } as const;
const criteria = (overrides: Partial<DiscoverAlgorithmsInput> = {}): DiscoverAlgorithmsInput => ({ license: LicenseType.PERSONAL, sort: AlgorithmSort.RELEVANCE, first: 20, timeoutMs: 10_000, ...overrides });

/** A catalog whose every read outlives the budget it was given, and remembers that budget. */
function slowCatalog() {
  const budgets: (number | undefined)[] = [];
  const slow = async (options?: { maxTimeMs?: number }) => {
    budgets.push(options?.maxTimeMs);
    throw new ReadQueryTimeoutError(options?.maxTimeMs ?? 0);
  };
  const collection = { find: slow, search: (_text: string, query: { maxTimeMs?: number }) => slow(query), count: (_where: unknown, options: { maxTimeMs?: number }) => slow(options), facets: (_request: unknown, query: { maxTimeMs?: number }) => slow(query) };
  return { budgets, readStore: { collection: () => collection } };
}

describe('discovering algorithms', () => {
  it('answers SEARCH_TIMEOUT with the remedy when the search outlives timeoutMs, giving every read that budget', async () => {
    const catalog = slowCatalog();
    const resolver = new DiscoveryResolver({ config: { community: { marketplaceEnabled: true } }, readStore: catalog.readStore } as never);
    const refusal = resolver.discoverAlgorithms(criteria({ text: 'portfolio', timeoutMs: 250 }), context as never);
    await expect(refusal).rejects.toMatchObject({ extensions: { code: 'SEARCH_TIMEOUT', timeoutMs: 250 }, message: expect.stringMatching(/narrow the criteria/) });
    expect(new Set(catalog.budgets)).toEqual(new Set([250]));
  });

  it("takes the seed's timeout beside the criteria too, over the criteria's own", async () => {
    const catalog = slowCatalog();
    const resolver = new DiscoveryResolver({ config: { community: { marketplaceEnabled: true } }, readStore: catalog.readStore } as never);
    await expect(resolver.discoverAlgorithms(criteria({ text: 'portfolio' }), context as never, 100)).rejects.toMatchObject({ extensions: { code: 'SEARCH_TIMEOUT', timeoutMs: 100 } });
    expect(new Set(catalog.budgets)).toEqual(new Set([100]));
    await expect(resolver.discoverAlgorithms(criteria(), context as never, 0)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'timeoutMs' } });
  });

  it('refuses criteria outside the vocabulary and bounds before reading anything', async () => {
    const catalog = slowCatalog();
    const resolver = new DiscoveryResolver({ config: { community: { marketplaceEnabled: true } }, readStore: catalog.readStore } as never);
    for (const [bad, field] of [
      [{ category: 'Alchemy' }, 'criteria.category'],
      [{ minRating: 6 }, 'criteria.minRating'],
      [{ maxPrice: -1 }, 'criteria.maxPrice'],
      [{ timeoutMs: 0 }, 'criteria.timeoutMs'],
    ] as const) {
      await expect(resolver.discoverAlgorithms(criteria(bad), context as never)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
    }
    expect(catalog.budgets).toEqual([]);
  });
});
