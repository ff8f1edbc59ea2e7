import { authenticationStreamId, serviceAccountStreamId, type ServiceAccountEvent, type ServiceAccountTokenIssued } from '../schema/events';
import { SERVICE_ACCOUNTS_COLLECTION, type ServiceAccountDocument } from '../schema/read-models/service-accounts';
import { describeProjection, stream } from '../test/support/projection-spec';
import { serviceAccountsProjection } from './service-accounts';

const t1 = '2026-12-03T09:00:00.000Z';
const t2 = '2026-12-03T10:00:00.000Z';
const t3 = '2026-12-03T11:00:00.000Z';

describeProjection(serviceAccountsProjection, (spec) => {
  const account = stream<ServiceAccountEvent>(serviceAccountStreamId('sa1'), 'acme');
  const acmeSignIns = stream<ServiceAccountTokenIssued>(authenticationStreamId('acme'), 'acme');
  const created = account({
    type: 'ServiceAccountCreated',
    data: { serviceAccountId: 'sa1', tenantId: 'acme', name: 'nightly-import', roles: ['ANALYST'], secretId: 'k1', secretHash: 'h1', createdBy: 'ada', createdAt: t1 },
  });
  const document: ServiceAccountDocument = { id: 'sa1', tenantId: 'acme', name: 'nightly-import', roles: ['ANALYST'], status: 'ACTIVE', createdBy: 'ada', createdAt: t1, secretIssuedAt: t1 };

  it('lists a created account without its secret hash', () => spec.when(created).then({ [SERVICE_ACCOUNTS_COLLECTION]: [document] }));

  it('notes the last token exchange and the last rotation', () =>
    spec
      .given(created)
      .when(
        acmeSignIns({ type: 'ServiceAccountTokenIssued', data: { serviceAccountId: 'sa1', tenantId: 'acme', secretId: 'k1', roles: ['ANALYST'], expiresAt: t3, issuedAt: t2 } }),
        account({ type: 'ServiceAccountSecretRotated', data: { serviceAccountId: 'sa1', tenantId: 'acme', secretId: 'k2', secretHash: 'h2', previousSecretId: 'k1', rotatedBy: 'ada', rotatedAt: t3 } }),
      )
      .then({ [SERVICE_ACCOUNTS_COLLECTION]: [{ ...document, lastUsedAt: t2, secretIssuedAt: t3 }] }));

  it('keeps a revoked account, marked REVOKED', () =>
    spec
      .given(created)
      .when(account({ type: 'ServiceAccountRevoked', data: { serviceAccountId: 'sa1', tenantId: 'acme', secretId: 'k1', revokedBy: 'ada', revokedAt: t2 } }))
      .then({ [SERVICE_ACCOUNTS_COLLECTION]: [{ ...document, status: 'REVOKED', revokedBy: 'ada', revokedAt: t2 }] }));
});
