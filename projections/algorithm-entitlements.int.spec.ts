import { licenseStreamId, type LicenseEvent } from '../schema/events';
import { OPTIMIZATION_ALGORITHM_ENTITLEMENTS_COLLECTION } from '../schema/read-models/algorithm-runs';
import { describeProjection, stream } from '../test/support/projection-spec';
import { algorithmEntitlementsProjection } from './algorithm-entitlements';

const at = '2026-11-26T10:00:00.000Z';
const later = '2026-11-27T10:00:00.000Z';
const licence = (licenseId: string, version: number) => ({ licenseId, algorithmId: 'a1', version, tenantId: 'buyer' });
/** The entitlement's document: the licence's id is the document's. */
const entitlement = (licenseId: string, version: number) => ({ id: licenseId, tenantId: 'buyer', algorithmId: 'a1', version, licenseType: 'PERSONAL' });
const granted = (licenseId: string, version: number): LicenseEvent => ({ type: 'EntitlementGranted', data: { ...licence(licenseId, version), licenseType: 'PERSONAL', grantedAt: at } });

describeProjection(algorithmEntitlementsProjection, (spec) => {
  const first = stream<LicenseEvent>(licenseStreamId('l1'), 'buyer');
  const second = stream<LicenseEvent>(licenseStreamId('l2'), 'buyer');

  it('keeps one entitlement per licence, active from its grant', () =>
    spec.when(first(granted('l1', 1)), second(granted('l2', 2))).then({
      [OPTIMIZATION_ALGORITHM_ENTITLEMENTS_COLLECTION]: [
        { ...entitlement('l1', 1), active: true, grantedAt: at, endedAt: null, endReason: null },
        { ...entitlement('l2', 2), active: true, grantedAt: at, endedAt: null, endReason: null },
      ],
    }));

  it('ends an entitlement when its licence is refunded or revoked, leaving the others', () =>
    spec
      .given(first(granted('l1', 1)), second(granted('l2', 2)))
      .when(first({ type: 'EntitlementRevoked', data: { ...licence('l1', 1), reason: 'REFUNDED', revokedAt: later } }))
      .then({
        [OPTIMIZATION_ALGORITHM_ENTITLEMENTS_COLLECTION]: {
          l1: { ...entitlement('l1', 1), active: false, grantedAt: at, endedAt: later, endReason: 'REFUNDED' },
          l2: { ...entitlement('l2', 2), active: true, grantedAt: at, endedAt: null, endReason: null },
        },
      }));
});
