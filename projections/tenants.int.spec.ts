import { describeProjection } from '../test/support/projection-spec';
import { tenant } from '../test/support/sample-events';
import { TENANTS_COLLECTION, type TenantDocument } from '../schema/read-models/tenants';
import { tenantsProjection } from './tenants';

const created = '2026-02-01T09:00:00.000Z';
const renamed = '2026-02-02T09:00:00.000Z';
const renamedAgain = '2026-02-03T09:00:00.000Z';
const acme = tenant('acme');
const globex = tenant('globex');

describeProjection(tenantsProjection, (spec) => {
  it('creates one document per tenant', () => {
    const acmeDocument: TenantDocument = { id: 'acme', name: 'Acme', createdAt: created, updatedAt: created };
    const globexDocument: TenantDocument = { id: 'globex', name: 'Globex', createdAt: created, updatedAt: created };
    return spec.when(acme.created('Acme', created), globex.created('Globex', created)).then({ [TENANTS_COLLECTION]: [acmeDocument, globexDocument] });
  });

  it('renames the tenant and stamps the change, leaving other tenants alone', () => {
    return spec
      .given(acme.created('Acme', created), globex.created('Globex', created))
      .when(acme.renamed('Acme Corp', 'Acme', renamed))
      .then({
        [TENANTS_COLLECTION]: {
          acme: { id: 'acme', name: 'Acme Corp', createdAt: created, updatedAt: renamed },
          globex: { id: 'globex', name: 'Globex', createdAt: created, updatedAt: created },
        },
      });
  });

  it('keeps the last of several renames', () => {
    return spec
      .given(acme.created('Acme', created), acme.renamed('Acme Corp', 'Acme', renamed))
      .when(acme.renamed('Acme Industries', 'Acme Corp', renamedAgain))
      .then({ [TENANTS_COLLECTION]: [{ id: 'acme', name: 'Acme Industries', createdAt: created, updatedAt: renamedAgain }] });
  });
});
