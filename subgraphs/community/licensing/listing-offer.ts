import type { ReadStore } from '../../../platform/readstore/port';
import { ALGORITHM_LISTINGS_COLLECTION, type AlgorithmListingDocument } from '../../../schema/read-models/marketplace';
import type { ListingOffer } from './domain/license-decider';

/** What a purchase needs to know of a listing, from the marketplace's read model; undefined: no such listing. */
export async function listingOffer(readStore: ReadStore, algorithmId: string): Promise<ListingOffer | undefined> {
  const listing = await readStore.collection<AlgorithmListingDocument>(ALGORITHM_LISTINGS_COLLECTION).get(algorithmId);
  if (!listing) return undefined;
  // The listing's price fields are those of its published version, the one a purchase buys.
  const latestApproved = listing.publishedVersion === null
    ? null
    : { version: listing.publishedVersion, currency: listing.currency, licensePrices: { PERSONAL: listing.pricePersonal, COMMERCIAL: listing.priceCommercial, ENTERPRISE: listing.priceEnterprise } };
  return { algorithmId: listing.id, name: listing.name, authorTenantId: listing.tenantId, deprecated: listing.deprecated, latestApproved };
}
