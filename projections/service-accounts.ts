import { AUTHENTICATION_CATEGORY, SERVICE_ACCOUNT_CATEGORY, type ServiceAccountEvent, type ServiceAccountTokenIssued } from '../schema/events';
import { SERVICE_ACCOUNTS_COLLECTION, type ServiceAccountDocument } from '../schema/read-models/service-accounts';
import type { Projection } from './projection';

const FOLDED: ReadonlyArray<(ServiceAccountEvent | ServiceAccountTokenIssued)['type']> = ['ServiceAccountCreated', 'ServiceAccountSecretRotated', 'ServiceAccountRevoked', 'ServiceAccountTokenIssued'];

/** Each tenant's service accounts with their status and last use, for the admins who run them. */
export const serviceAccountsProjection: Projection = {
  name: 'service-accounts',
  collections: [{ name: SERVICE_ACCOUNTS_COLLECTION, indexes: ['tenantId', 'createdAt'] }],
  // Token exchanges are recorded in the tenant's authentication stream (see ServiceAccountTokenIssued).
  filter: { categories: [SERVICE_ACCOUNT_CATEGORY, AUTHENTICATION_CATEGORY], eventTypes: FOLDED },
  handle(recorded, context) {
    const event = recorded as unknown as ServiceAccountEvent | ServiceAccountTokenIssued;
    switch (event.type) {
      case 'ServiceAccountCreated': {
        const { serviceAccountId, tenantId, name, roles, createdBy, createdAt } = event.data;
        const document: ServiceAccountDocument = { id: serviceAccountId, tenantId, name, roles, status: 'ACTIVE', createdBy, createdAt, secretIssuedAt: createdAt };
        context.upsert(SERVICE_ACCOUNTS_COLLECTION, document);
        return;
      }
      case 'ServiceAccountSecretRotated':
        context.patch(SERVICE_ACCOUNTS_COLLECTION, event.data.serviceAccountId, { secretIssuedAt: event.data.rotatedAt });
        return;
      case 'ServiceAccountRevoked':
        context.patch(SERVICE_ACCOUNTS_COLLECTION, event.data.serviceAccountId, { status: 'REVOKED', revokedBy: event.data.revokedBy, revokedAt: event.data.revokedAt });
        return;
      case 'ServiceAccountTokenIssued':
        context.patch(SERVICE_ACCOUNTS_COLLECTION, event.data.serviceAccountId, { lastUsedAt: event.data.issuedAt });
        return;
    }
  },
};
