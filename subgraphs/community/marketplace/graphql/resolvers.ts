import { DiscoveryResolver } from './discovery-resolver';
import { LicenceHolderResolver } from './licence-holder-resolver';
import { ListingResolver } from './listing-resolver';

/** The resolver classes of the community's marketplace (listings, versions, reviews, ratings, discovery), registered by subgraphs/community/server.ts. */
export const MARKETPLACE_RESOLVERS: Function[] = [ListingResolver, DiscoveryResolver, LicenceHolderResolver];
