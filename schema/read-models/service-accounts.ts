import type { Role } from '../../platform/auth/auth-context';

/** A tenant's service accounts; never a secret or its hash. */
export const SERVICE_ACCOUNTS_COLLECTION = 'service_accounts';

export interface ServiceAccountDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly roles: readonly Role[];
  /** As the API writes ServiceAccountStatus. */
  readonly status: 'ACTIVE' | 'REVOKED';
  readonly createdBy: string;
  readonly createdAt: string;
  /** When the current secret was issued: at creation or the last rotation. */
  readonly secretIssuedAt: string;
  /** The last token exchange. */
  readonly lastUsedAt?: string;
  readonly revokedBy?: string;
  readonly revokedAt?: string;
  readonly [field: string]: unknown;
}
