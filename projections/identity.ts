import type { Role } from '../platform/auth/auth-context';
import {
  IDENTITY_PROVIDER_CATEGORY,
  SESSION_CATEGORY,
  USER_CATEGORY,
  type IdentityProviderEvent,
  type SessionEvent,
  type UserEvent,
} from '../schema/events';
import {
  IDENTITY_PROVIDERS_COLLECTION,
  SESSIONS_COLLECTION,
  USERS_COLLECTION,
  type IdentityProviderDocument,
  type SessionDocument,
  type UserDocument,
} from '../schema/read-models/identity';
import type { Projection } from './projection';

/** A tenant's identity providers; removed ones disappear from the read model. */
export const identityProvidersProjection: Projection = {
  name: 'identity-providers',
  // 2: roles as the API writes them (TENANT_ADMIN), where version 1 kept tenant-admin.
  version: 2,
  collections: [{ name: IDENTITY_PROVIDERS_COLLECTION, indexes: ['tenantId', 'type'] }],
  filter: { categories: [IDENTITY_PROVIDER_CATEGORY] },
  handle(recorded, context) {
    const event = recorded as unknown as IdentityProviderEvent;
    switch (event.type) {
      case 'IdentityProviderConfigured':
      case 'IdentityProviderReconfigured': {
        const document: IdentityProviderDocument = { id: event.data.providerId, ...event.data };
        context.upsert(IDENTITY_PROVIDERS_COLLECTION, document);
        return;
      }
      case 'IdentityProviderRemoved':
        context.delete(IDENTITY_PROVIDERS_COLLECTION, event.data.providerId);
        return;
    }
  },
};

/** Users with their provider roles, granted roles and the union the next session gets. */
export const usersProjection: Projection = {
  name: 'users',
  // 2: roles as the API writes them (TENANT_ADMIN), where version 1 kept tenant-admin.
  version: 2,
  collections: [{ name: USERS_COLLECTION, indexes: ['tenantId', 'externalId', 'registeredAt'] }],
  filter: { categories: [USER_CATEGORY] },
  async handle(recorded, context) {
    const event = recorded as unknown as UserEvent;
    if (event.type === 'UserRegistered') {
      const { userId, ...identity } = event.data;
      const document: UserDocument = { id: userId, ...identity, providerRoles: [], grantedRoles: [], roles: [] };
      context.upsert(USERS_COLLECTION, document);
      return;
    }
    const user = await context.get<UserDocument>(USERS_COLLECTION, event.data.userId);
    if (!user) return;
    const withRoles = (providerRoles: readonly Role[], grantedRoles: readonly Role[], extra: Record<string, unknown> = {}) =>
      context.patch(USERS_COLLECTION, user.id, { providerRoles, grantedRoles, roles: [...new Set([...grantedRoles, ...providerRoles])].sort(), ...extra });
    switch (event.type) {
      case 'UserProviderRolesSynchronized':
        withRoles(event.data.roles, user.grantedRoles, { lastSignInAt: event.data.signedInAt });
        return;
      case 'RoleGranted':
        withRoles(user.providerRoles, [...user.grantedRoles.filter((role) => role !== event.data.role), event.data.role]);
        return;
      case 'RoleRevoked':
        withRoles(user.providerRoles, user.grantedRoles.filter((role) => role !== event.data.role));
        return;
    }
  },
};

/** Sessions, so that an admin can see who is signed in and revoke a session. */
export const sessionsProjection: Projection = {
  name: 'sessions',
  // 2: roles as the API writes them (TENANT_ADMIN), where version 1 kept tenant-admin.
  version: 2,
  collections: [{ name: SESSIONS_COLLECTION, indexes: ['tenantId', 'userId', 'providerId', 'startedAt', 'expiresAt'] }],
  filter: { categories: [SESSION_CATEGORY] },
  handle(recorded, context) {
    const event = recorded as unknown as SessionEvent;
    switch (event.type) {
      case 'SessionStarted': {
        const { sessionId, refreshTokenHash: _hash, ...session } = event.data;
        const document: SessionDocument = { id: sessionId, ...session };
        context.upsert(SESSIONS_COLLECTION, document);
        return;
      }
      case 'SessionRefreshed':
        context.patch(SESSIONS_COLLECTION, event.data.sessionId, { lastRefreshedAt: event.data.refreshedAt });
        return;
      case 'SessionRevoked':
        context.patch(SESSIONS_COLLECTION, event.data.sessionId, { revokedAt: event.data.revokedAt, revocationReason: event.data.reason });
        return;
    }
  },
};

export const identityProjections: readonly Projection[] = [identityProvidersProjection, usersProjection, sessionsProjection];
