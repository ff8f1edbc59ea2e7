import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { badUserInput } from '../../../../platform/errors';
import { requireAuth, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { requireMarketplace } from '../../../../platform/feature-flags';
import { licenseIdOf, licenses } from '../domain/command-handlers';
import type { ListingOffer } from '../domain/license-decider';
import { listingOffer } from '../listing-offer';
import { invoicing } from '../payment/invoicing';
import type { Invoice, Purchase } from '../payment/payment-port';
import { licenseNamed } from './license-reads';
import { License, PurchaseAlgorithmInput } from './license-types';

const MAX_IDEMPOTENCY_KEY = 200;

@Resolver()
export class PurchaseResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => License, {
    description:
      "Buys a licence of an approved listing's latest approved version for the caller's tenant, at that version's price: the licence, its entitlement and an invoice payable by bank transfer. The same idempotencyKey again answers the same licence and charges nothing twice.",
  })
  async purchaseAlgorithm(@Arg('input', () => PurchaseAlgorithmInput) input: PurchaseAlgorithmInput, @Ctx() context: SubgraphContext): Promise<License> {
    requireMarketplace(this.deps.config);
    const buyerTenantId = requireAuth(context).tenantId;
    if (!buyerTenantId) throw badUserInput('A licence is bought for a tenant, and your token names none: sign in as an admin of the tenant that buys.');
    const key = input.idempotencyKey;
    if (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY) throw badUserInput(`idempotencyKey has 1 to ${MAX_IDEMPOTENCY_KEY} characters; send the same one again to repeat a request safely.`, 'input.idempotencyKey');
    const licenseId = licenseIdOf(buyerTenantId, key);
    const listing = await listingOffer(this.deps.readStore, input.algorithmId);
    const at = this.deps.clock().toISOString();
    const invoice = invoiceFor(listing, { licenseId, tenantId: buyerTenantId, licenseType: input.licenseType, purchasedAt: at });
    const caller = callerOf(context);
    await executeCommand(
      this.deps,
      caller,
      licenses,
      { type: 'PurchaseLicense', licenseId, tenantId: buyerTenantId, buyerId: caller.actor, idempotencyKey: key, algorithmId: input.algorithmId, licenseType: input.licenseType, listing, invoice, at },
      { tenantId: buyerTenantId, target: licenseId },
    );
    return licenseNamed(this.deps.readStore, licenseId);
  }
}

/** The payment port's invoice for the version on sale, asked before the command so the decider stays pure; undefined when nothing is on sale (the decider refuses). */
function invoiceFor(listing: ListingOffer | undefined, purchase: Pick<Purchase, 'licenseId' | 'tenantId' | 'licenseType' | 'purchasedAt'>): Invoice | undefined {
  if (!listing?.latestApproved) return undefined;
  const { version, currency, licensePrices } = listing.latestApproved;
  return invoicing.charge({ ...purchase, algorithmId: listing.algorithmId, algorithmName: listing.name, version, price: licensePrices[purchase.licenseType], currency }).invoice;
}
