import { LICENSE_CATEGORY, type LicenseEvent } from '../schema/events';
import { OPTIMIZATION_ALGORITHM_ENTITLEMENTS_COLLECTION, type AlgorithmEntitlementDocument } from '../schema/read-models/algorithm-runs';
import type { Projection } from './projection';

/**
 * Which tenant may run which algorithm version, from the community's licence events: what the
 * solver checks before a run with `algorithmId`, so a refunded or revoked licence stops the next run.
 */
export const algorithmEntitlementsProjection: Projection = {
  name: 'algorithm-entitlements',
  collections: [{ name: OPTIMIZATION_ALGORITHM_ENTITLEMENTS_COLLECTION, indexes: ['tenantId', 'algorithmId', 'active'] }],
  filter: { categories: [LICENSE_CATEGORY], eventTypes: ['EntitlementGranted', 'EntitlementRevoked'] },
  handle(recorded, context) {
    const event = recorded as unknown as LicenseEvent;
    if (event.type === 'EntitlementGranted') {
      const { licenseId, tenantId, algorithmId, version, licenseType, grantedAt } = event.data;
      const document: AlgorithmEntitlementDocument = { id: licenseId, tenantId, algorithmId, version, licenseType, active: true, grantedAt, endedAt: null, endReason: null };
      context.upsert(OPTIMIZATION_ALGORITHM_ENTITLEMENTS_COLLECTION, document);
    } else if (event.type === 'EntitlementRevoked') {
      context.patch(OPTIMIZATION_ALGORITHM_ENTITLEMENTS_COLLECTION, event.data.licenseId, { active: false, endedAt: event.data.revokedAt, endReason: event.data.reason });
    }
  },
};
