import type { OptimizationAlgorithmDocument } from '../../../schema/read-models/algorithm-runs';

/** Which version a tenant's run of a marketplace algorithm may use, or why it may not run. */
export type RunDecision =
  | { readonly kind: 'run'; readonly version: number; readonly asAuthor: boolean }
  /** No such listing, or (for its author) no approved version yet. */
  | { readonly kind: 'unknown-algorithm' }
  /** The author asked for a version that is not approved (yet). */
  | { readonly kind: 'version-not-approved'; readonly version: number; readonly latestApprovedVersion: number | null }
  | { readonly kind: 'license-required'; readonly version?: number };

/**
 * The marketplace's rule at use (AWS Marketplace's entitlement check): the listing's author's
 * tenant runs its approved versions without a licence; any other tenant runs the versions it
 * holds an active entitlement to. With no version asked for, the newest such version runs.
 * Deprecation stops sales, not runs: buyers keep their version.
 */
export function decideRun(
  runnerTenantId: string,
  listing: OptimizationAlgorithmDocument | undefined,
  requestedVersion: number | undefined,
  /** The runner tenant's active entitlements to this listing, by version. */
  entitledVersions: readonly number[],
): RunDecision {
  if (!listing) return { kind: 'unknown-algorithm' };
  if (listing.tenantId === runnerTenantId) {
    if (requestedVersion === undefined) return listing.latestApprovedVersion === null ? { kind: 'unknown-algorithm' } : { kind: 'run', version: listing.latestApprovedVersion, asAuthor: true };
    return listing.approvedVersions.includes(requestedVersion)
      ? { kind: 'run', version: requestedVersion, asAuthor: true }
      : { kind: 'version-not-approved', version: requestedVersion, latestApprovedVersion: listing.latestApprovedVersion };
  }
  if (requestedVersion !== undefined) return entitledVersions.includes(requestedVersion) ? { kind: 'run', version: requestedVersion, asAuthor: false } : { kind: 'license-required', version: requestedVersion };
  return entitledVersions.length > 0 ? { kind: 'run', version: Math.max(...entitledVersions), asAuthor: false } : { kind: 'license-required' };
}
