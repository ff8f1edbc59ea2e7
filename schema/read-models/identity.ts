import type { Role } from '../../platform/auth/auth-context';
import type { IdentityProviderDefinition } from '../events/identity-events';

/** Read models of the enterprise subgraph's identity aggregates. */
export const IDENTITY_PROVIDERS_COLLECTION = 'identity_providers';
export const USERS_COLLECTION = 'users';
export const SESSIONS_COLLECTION = 'sessions';

export type IdentityProviderDocument = IdentityProviderDefinition & {
  readonly id: string;
  readonly configuredAt: string;
  readonly [field: string]: unknown;
};

export interface UserDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly providerId: string;
  readonly externalId: string;
  readonly email?: string;
  readonly displayName?: string;
  readonly providerRoles: readonly Role[];
  readonly grantedRoles: readonly Role[];
  /** The union of both: what the user's next session gets. */
  readonly roles: readonly Role[];
  readonly registeredAt: string;
  readonly lastSignInAt?: string;
  readonly [field: string]: unknown;
}

export interface SessionDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly roles: readonly Role[];
  readonly authMethod: string;
  readonly providerId: string;
  readonly startedAt: string;
  readonly expiresAt: string;
  readonly lastRefreshedAt?: string;
  readonly revokedAt?: string;
  readonly revocationReason?: string;
  readonly [field: string]: unknown;
}
