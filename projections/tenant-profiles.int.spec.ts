import { describeProjection } from '../test/support/projection-spec';
import { tenant } from '../test/support/sample-events';
import type { TenantProfileDocument } from '../schema/read-models/tenants';
import { tenantProfileProjections } from './tenant-profiles';

const created = '2026-02-01T09:00:00.000Z';
const acme = tenant('acme');
const globex = tenant('globex');
const profile = (tenantId: string): TenantProfileDocument => ({ id: tenantId, tenantId, createdAt: created });

for (const projection of tenantProfileProjections) {
  const [{ name: collection }] = projection.collections;

  describeProjection(projection, (spec) => {
    it('gives every new tenant a profile of its own', () => {
      return spec.when(acme.created('Acme', created), globex.created('Globex', created)).then({ [collection]: [profile('acme'), profile('globex')] });
    });

    it('does not change the profile when the tenant is renamed', () => {
      return spec
        .given(acme.created('Acme', created))
        .when(acme.renamed('Acme Corp', 'Acme', '2026-02-02T09:00:00.000Z'))
        .then({ [collection]: [profile('acme')] });
    });
  });
}
