import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { notFound } from '../../../../platform/errors';
import { requireVisibleItem, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import type { SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { ALGORITHM_SALES_COLLECTION, type AlgorithmSalesDocument } from '../../../../schema/read-models/licensing';
import { ALGORITHM_LISTINGS_COLLECTION, type AlgorithmListingDocument } from '../../../../schema/read-models/marketplace';
import { LICENSE_TYPES } from '../../../../schema/events/algorithm-events';
import { requireMarketplace } from '../../../../platform/feature-flags';
import type { LicenseType } from '../../graphql/license-type';
import { AlgorithmSalesLine } from './sales-types';

@Resolver()
export class SalesResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => [AlgorithmSalesLine], { description: "A listing's sales per licence type, for its author's tenant only; other tenants' callers get NOT_FOUND." })
  async algorithmSales(@Arg('algorithmId', () => ID) algorithmId: string, @Ctx() context: SubgraphContext): Promise<AlgorithmSalesLine[]> {
    requireMarketplace(this.deps.config);
    const listing = await this.deps.readStore.collection<AlgorithmListingDocument>(ALGORITHM_LISTINGS_COLLECTION).get(algorithmId);
    if (!listing) throw notFound('Algorithm', algorithmId);
    requireVisibleItem(context, listing.tenantId, () => notFound('Algorithm', algorithmId));
    // At most one line per licence type and currency: one page holds them all.
    const page = await this.deps.readStore.collection<AlgorithmSalesDocument>(ALGORITHM_SALES_COLLECTION).find({ where: { algorithmId }, first: 100 });
    return page.items
      .map(({ licenseType, currency, sold, refunded, revenue }) => ({ licenseType: licenseType as LicenseType, currency, sold, refunded, revenue }))
      .sort((a, b) => LICENSE_TYPES.indexOf(a.licenseType) - LICENSE_TYPES.indexOf(b.licenseType) || a.currency.localeCompare(b.currency));
  }
}
