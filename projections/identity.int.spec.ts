import { describeProjection, stream } from '../test/support/projection-spec';
import type { Role } from '../platform/auth/auth-context';
import { identityProviderStreamId, sessionStreamId, userStreamId, type IdentityProviderDefinition, type IdentityProviderEvent, type SessionEvent, type UserEvent } from '../schema/events';
import { IDENTITY_PROVIDERS_COLLECTION, SESSIONS_COLLECTION, USERS_COLLECTION, type IdentityProviderDocument, type SessionDocument, type UserDocument } from '../schema/read-models/identity';
import { identityProvidersProjection, sessionsProjection, usersProjection } from './identity';

const t1 = '2026-06-01T09:00:00.000Z';
const t2 = '2026-06-01T10:00:00.000Z';
const t3 = '2026-06-01T11:00:00.000Z';
const expiresAt = '2026-06-02T09:00:00.000Z';

describeProjection(identityProvidersProjection, (spec) => {
  const oidc = (providerId: string, tenantId: string): IdentityProviderDefinition => ({
    providerId,
    tenantId,
    name: 'Corporate SSO',
    type: 'OIDC',
    oidc: { issuer: `https://login.${tenantId}.example`, clientId: 'goliath' },
    roleMappings: [{ group: 'optimizers', role: 'ANALYST' }],
    defaultRoles: ['VIEWER'],
  });
  const provider = (providerId: string, tenantId: string) => {
    const event = stream<IdentityProviderEvent>(identityProviderStreamId(providerId), tenantId);
    return {
      configured: (definition: IdentityProviderDefinition) => event({ type: 'IdentityProviderConfigured', data: { ...definition, configuredAt: t1 } }),
      reconfigured: (definition: IdentityProviderDefinition) => event({ type: 'IdentityProviderReconfigured', data: { ...definition, configuredAt: t2 } }),
      removed: () => event({ type: 'IdentityProviderRemoved', data: { providerId, tenantId, removedAt: t3 } }),
    };
  };
  const acmeSso = provider('idp1', 'acme');
  const globexSso = provider('idp2', 'globex');
  const acmeDocument: IdentityProviderDocument = { id: 'idp1', ...oidc('idp1', 'acme'), configuredAt: t1 };
  const globexDocument: IdentityProviderDocument = { id: 'idp2', ...oidc('idp2', 'globex'), configuredAt: t1 };

  it("lists each tenant's configured providers", () => {
    return spec.when(acmeSso.configured(oidc('idp1', 'acme')), globexSso.configured(oidc('idp2', 'globex'))).then({ [IDENTITY_PROVIDERS_COLLECTION]: [acmeDocument, globexDocument] });
  });

  it('replaces a reconfigured provider with its new definition', () => {
    const reconfigured: IdentityProviderDefinition = { ...oidc('idp1', 'acme'), name: 'Acme SSO', roleMappings: [], defaultRoles: [] };
    return spec
      .given(acmeSso.configured(oidc('idp1', 'acme')), globexSso.configured(oidc('idp2', 'globex')))
      .when(acmeSso.reconfigured(reconfigured))
      .then({ [IDENTITY_PROVIDERS_COLLECTION]: [{ id: 'idp1', ...reconfigured, configuredAt: t2 }, globexDocument] });
  });

  it('drops a removed provider', () => {
    return spec
      .given(acmeSso.configured(oidc('idp1', 'acme')), globexSso.configured(oidc('idp2', 'globex')))
      .when(acmeSso.removed())
      .then({ [IDENTITY_PROVIDERS_COLLECTION]: [globexDocument] });
  });
});

describeProjection(usersProjection, (spec) => {
  const user = (userId: string, tenantId: string) => {
    const event = stream<UserEvent>(userStreamId(userId), tenantId);
    return {
      registered: () =>
        event({ type: 'UserRegistered', data: { userId, tenantId, providerId: 'idp1', externalId: `ext-${userId}`, email: `${userId}@${tenantId}.example`, registeredAt: t1 } }),
      signedIn: (roles: readonly Role[], signedInAt: string) => event({ type: 'UserProviderRolesSynchronized', data: { userId, tenantId, roles, signedInAt } }),
      granted: (role: Role) => event({ type: 'RoleGranted', data: { userId, tenantId, role, grantedBy: `user:${tenantId}-admin`, grantedAt: t2 } }),
      revoked: (role: Role) => event({ type: 'RoleRevoked', data: { userId, tenantId, role, revokedBy: `user:${tenantId}-admin`, revokedAt: t3 } }),
    };
  };
  const ada = user('u1', 'acme');
  const grace = user('u2', 'globex');
  const registered = (id: string, tenantId: string): UserDocument => ({
    id,
    tenantId,
    providerId: 'idp1',
    externalId: `ext-${id}`,
    email: `${id}@${tenantId}.example`,
    registeredAt: t1,
    providerRoles: [],
    grantedRoles: [],
    roles: [],
  });

  it('registers users without roles', () => {
    return spec.when(ada.registered(), grace.registered()).then({ [USERS_COLLECTION]: [registered('u1', 'acme'), registered('u2', 'globex')] });
  });

  it('replaces the provider roles at each sign-in and keeps their union with the granted roles', () => {
    return spec
      .given(ada.registered(), grace.registered(), ada.granted('AUDITOR'), ada.signedIn(['VIEWER', 'ANALYST'], t2))
      .when(ada.signedIn(['ANALYST'], t3))
      .then({
        [USERS_COLLECTION]: {
          u1: { ...registered('u1', 'acme'), providerRoles: ['ANALYST'], grantedRoles: ['AUDITOR'], roles: ['ANALYST', 'AUDITOR'], lastSignInAt: t3 },
          u2: registered('u2', 'globex'),
        },
      });
  });

  it('grants a role once however often it is granted, and revokes it', () => {
    return spec
      .given(ada.registered(), ada.signedIn(['ANALYST'], t2))
      .when(ada.granted('DEVELOPER'), ada.granted('AUDITOR'), ada.granted('DEVELOPER'), ada.revoked('AUDITOR'))
      .then({ [USERS_COLLECTION]: [{ ...registered('u1', 'acme'), providerRoles: ['ANALYST'], grantedRoles: ['DEVELOPER'], roles: ['ANALYST', 'DEVELOPER'], lastSignInAt: t2 }] });
  });

  it('keeps a role the provider still gives when the granted one is revoked', () => {
    return spec
      .given(ada.registered(), ada.signedIn(['ANALYST'], t2), ada.granted('ANALYST'))
      .when(ada.revoked('ANALYST'))
      .then({ [USERS_COLLECTION]: [{ ...registered('u1', 'acme'), providerRoles: ['ANALYST'], grantedRoles: [], roles: ['ANALYST'], lastSignInAt: t2 }] });
  });

  it('ignores role changes of a user it has not seen registered', () => {
    return spec.when(grace.granted('TENANT_ADMIN'), grace.signedIn(['VIEWER'], t2)).then({ [USERS_COLLECTION]: [] });
  });
});

describeProjection(sessionsProjection, (spec) => {
  const session = (sessionId: string, tenantId: string) => {
    const event = stream<SessionEvent>(sessionStreamId(sessionId), tenantId);
    return {
      started: () =>
        event({
          type: 'SessionStarted',
          data: { sessionId, tenantId, userId: 'u1', roles: ['ANALYST'], authMethod: 'oidc', providerId: 'idp1', refreshTokenHash: 'hash-1', startedAt: t1, expiresAt },
        }),
      refreshed: (refreshedAt: string) =>
        event({ type: 'SessionRefreshed', data: { sessionId, previousRefreshTokenHash: 'hash-1', refreshTokenHash: 'hash-2', refreshedAt } }),
      revoked: (reason: string) => event({ type: 'SessionRevoked', data: { sessionId, tenantId, reason, revokedAt: t3, expiresAt } }),
    };
  };
  const acmeSession = session('s1', 'acme');
  const globexSession = session('s2', 'globex');
  // The refresh token's hash never reaches the read model.
  const started = (id: string, tenantId: string): SessionDocument => ({ id, tenantId, userId: 'u1', roles: ['ANALYST'], authMethod: 'oidc', providerId: 'idp1', startedAt: t1, expiresAt });

  it('lists started sessions without their refresh token hash', () => {
    return spec.when(acmeSession.started(), globexSession.started()).then({ [SESSIONS_COLLECTION]: [started('s1', 'acme'), started('s2', 'globex')] });
  });

  it('records the last refresh', () => {
    return spec
      .given(acmeSession.started(), acmeSession.refreshed(t2))
      .when(acmeSession.refreshed(t3))
      .then({ [SESSIONS_COLLECTION]: [{ ...started('s1', 'acme'), lastRefreshedAt: t3 }] });
  });

  it('keeps a revoked session with when and why it ended, leaving other sessions open', () => {
    return spec
      .given(acmeSession.started(), globexSession.started())
      .when(acmeSession.revoked('logout'))
      .then({ [SESSIONS_COLLECTION]: { s1: { ...started('s1', 'acme'), revokedAt: t3, revocationReason: 'logout' }, s2: started('s2', 'globex') } });
  });
});
