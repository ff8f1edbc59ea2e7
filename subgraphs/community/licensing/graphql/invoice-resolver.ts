import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { notFound } from '../../../../platform/errors';
import { connectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import type { SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { requireMarketplace } from '../../../../platform/feature-flags';
import { Invoice, InvoiceConnection } from './invoice-types';
import { invoiceCollection, toInvoice } from './license-reads';

@Resolver()
export class InvoiceResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => InvoiceConnection, { description: "The tenant's invoices for licences it bought, newest first." })
  async invoices(
    @Arg('tenantId', () => ID) tenantId: string,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: SubgraphContext,
  ): Promise<InvoiceConnection> {
    requireMarketplace(this.deps.config);
    requireTenantAccess(context, tenantId);
    assertPageSize(first);
    const page = await invoiceCollection(this.deps.readStore).find({ where: { tenantId }, sort: [{ field: 'issuedAt', direction: 'desc' }], first, after });
    return connectionOf(page, toInvoice);
  }

  @Query(() => Invoice, { description: "An invoice of the caller's tenant; another tenant's answers NOT_FOUND." })
  async invoice(@Arg('id', () => ID) id: string, @Ctx() context: SubgraphContext): Promise<Invoice> {
    requireMarketplace(this.deps.config);
    const invoice = await invoiceCollection(this.deps.readStore).get(id);
    if (!invoice) throw notFound('Invoice', id);
    requireVisibleItem(context, invoice.tenantId, () => notFound('Invoice', id));
    return toInvoice(invoice);
  }
}
