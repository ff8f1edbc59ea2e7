import type { AuthContext } from '../../../../platform/auth/auth-context';
import type { PlatformConfig } from '../../../../platform/config';
import { notFound } from '../../../../platform/errors';
import type { ReadStore } from '../../../../platform/readstore/port';
import { LICENSE_TYPES, type LicenseType } from '../../../../schema/events/algorithm-events';
import {
  ALGORITHM_CATALOG_COLLECTION,
  ALGORITHM_LISTINGS_COLLECTION,
  ALGORITHM_RATINGS_COLLECTION,
  ALGORITHM_VERSIONS_COLLECTION,
  type AlgorithmCatalogDocument,
  type AlgorithmListingDocument,
  type AlgorithmRatingDocument,
  type AlgorithmVersionDocument,
} from '../../../../schema/read-models/marketplace';
import { actingTenantOf, isModerator } from '../../graphql/community-member';
import type { LicenseType as LicenseTypeEnum } from '../../graphql/license-type';
import { AlgorithmStatus, type Algorithm, type AlgorithmLicensePrice, type AlgorithmVersion } from './algorithm-types';

export const listingCollection = (readStore: ReadStore) => readStore.collection<AlgorithmListingDocument>(ALGORITHM_LISTINGS_COLLECTION);
export const catalogCollection = (readStore: ReadStore) => readStore.collection<AlgorithmCatalogDocument>(ALGORITHM_CATALOG_COLLECTION);
export const versionCollection = (readStore: ReadStore) => readStore.collection<AlgorithmVersionDocument>(ALGORITHM_VERSIONS_COLLECTION);
export const ratingCollection = (readStore: ReadStore) => readStore.collection<AlgorithmRatingDocument>(ALGORITHM_RATINGS_COLLECTION);

/**
 * Who sees what nobody has approved yet (a listing's unapproved versions): its author's tenant and
 * the moderators who review them. Everyone else sees approved versions only.
 */
export function seesUnapproved(auth: AuthContext, config: PlatformConfig, listing: Pick<AlgorithmListingDocument, 'tenantId'>): boolean {
  return isModerator(auth) || actingTenantOf(auth, config) === listing.tenantId;
}

/** A listing the caller may see, or NOT_FOUND exactly as for a listing that does not exist. */
export async function visibleListing(readStore: ReadStore, auth: AuthContext, config: PlatformConfig, algorithmId: string): Promise<AlgorithmListingDocument> {
  const listing = await listingCollection(readStore).get(algorithmId);
  if (!listing || (listing.publishedVersion === null && !seesUnapproved(auth, config, listing))) throw notFound('Algorithm', algorithmId);
  return listing;
}

/** A listing as the API shows it to a caller who sees unapproved versions (`privileged`) or not. */
export function toAlgorithm(listing: AlgorithmListingDocument, privileged: boolean): Algorithm {
  const shown = privileged || listing.publishedVersion === null ? { status: listing.latestStatus as AlgorithmStatus, version: listing.latestVersion } : { status: AlgorithmStatus.APPROVED, version: listing.publishedVersion };
  return {
    id: listing.id,
    tenantId: listing.tenantId,
    authorId: listing.authorId,
    name: listing.name,
    description: listing.description,
    category: listing.category,
    complexity: listing.complexity,
    status: listing.deprecated ? AlgorithmStatus.DEPRECATED : shown.status,
    version: shown.version,
    publishedVersion: listing.publishedVersion,
    documentationHtml: listing.documentationHtml,
    recipe: listing.recipe,
    currency: listing.currency,
    licensePrices: pricesOf({ PERSONAL: listing.pricePersonal, COMMERCIAL: listing.priceCommercial, ENTERPRISE: listing.priceEnterprise }),
    licenseTerms: listing.licenseTerms,
    ratingAverage: Math.round(listing.ratingAverage * 100) / 100,
    ratingCount: listing.ratingCount,
    runs: listing.runs,
    hasSource: listing.sourceHash !== null,
    deprecationReason: listing.deprecationReason,
    benchmarkResults: listing.benchmarks.map((benchmark) => ({ ...benchmark, results: benchmark.results.map((result) => ({ ...result })) })),
    createdAt: listing.createdAt,
    updatedAt: listing.updatedAt,
    publishedAt: listing.publishedAt,
  };
}

export function toVersion(document: AlgorithmVersionDocument): AlgorithmVersion {
  return {
    algorithmId: document.algorithmId,
    version: document.version,
    status: document.status as AlgorithmStatus,
    reason: document.reason,
    submittedAt: document.submittedAt,
    reviewedAt: document.reviewedAt,
    tenantId: document.tenantId,
    authorId: document.authorId,
    name: document.name,
    description: document.description,
    category: document.category,
    complexity: document.complexity,
    currency: document.currency,
    licensePrices: pricesOf(document.licensePrices),
    licenseTerms: document.licenseTerms,
    recipe: document.recipe,
    documentationHtml: document.documentationHtml,
    sourceSha256: document.sourceHash,
    sourceBytes: document.sourceBytes,
  };
}

/** The price list in the licence types' order (PERSONAL, COMMERCIAL, ENTERPRISE). */
function pricesOf(prices: Readonly<Record<LicenseType, number>>): AlgorithmLicensePrice[] {
  return LICENSE_TYPES.map((licenseType) => ({ licenseType: licenseType as LicenseTypeEnum, price: prices[licenseType] }));
}
