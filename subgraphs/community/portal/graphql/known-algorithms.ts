import { canAccessTenant, type AuthContext } from '../../../../platform/auth/auth-context';
import { badUserInput } from '../../../../platform/errors';
import type { ReadStore } from '../../../../platform/readstore/port';
import { ALGORITHM_LISTINGS_COLLECTION, type AlgorithmListingDocument } from '../../../../schema/read-models/marketplace';

/**
 * Tutorials and projects link marketplace listings the caller can see: approved ones, or their own
 * tenant's. Any other id is refused (BAD_USER_INPUT) in the same words whether it names no listing
 * or one of another tenant that is not approved, so no unpublished listing can be probed.
 */
export async function requireKnownAlgorithms(readStore: ReadStore, auth: AuthContext, algorithmIds: readonly string[], field: string): Promise<void> {
  const listings = readStore.collection<AlgorithmListingDocument>(ALGORITHM_LISTINGS_COLLECTION);
  for (const algorithmId of new Set(algorithmIds)) {
    const listing = await listings.get(algorithmId);
    if (!listing || (listing.publishedVersion === null && !canAccessTenant(auth, listing.tenantId))) {
      throw badUserInput(`Algorithm ${algorithmId} is not a listing of the marketplace you can see: link approved listings, or your own tenant's.`, field);
    }
  }
}
