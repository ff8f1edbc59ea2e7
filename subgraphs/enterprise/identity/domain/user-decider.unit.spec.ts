import { deciderSpec } from '../../../../test/support/decider-spec';
import type { Role } from '../../../../platform/auth/auth-context';
import type { UserEvent } from '../../../../schema/events';
import { userDecider, type UserCommand } from './user-decider';

const spec = deciderSpec(userDecider);
const at = '2026-11-26T10:00:00.000Z';
const signIn = (providerRoles: readonly Role[]): UserCommand => ({
  type: 'RecordSignIn',
  userId: 'u1',
  tenantId: 't1',
  providerId: 'p1',
  externalId: 'alice',
  email: 'alice@example.com',
  providerRoles,
  at,
});
const registered: UserEvent = { type: 'UserRegistered', data: { userId: 'u1', tenantId: 't1', providerId: 'p1', externalId: 'alice', email: 'alice@example.com', registeredAt: at } };
const synced = (roles: ('ANALYST' | 'VIEWER')[]): UserEvent => ({ type: 'UserProviderRolesSynchronized', data: { userId: 'u1', tenantId: 't1', roles, signedInAt: at } });
const grant = (role: string, tenantId = 't1'): UserCommand => ({ type: 'GrantRole', userId: 'u1', tenantId, role, by: 'admin', at });
const revoke = (role: string): UserCommand => ({ type: 'RevokeRole', userId: 'u1', tenantId: 't1', role, by: 'admin', at });
const granted: UserEvent = { type: 'RoleGranted', data: { userId: 'u1', tenantId: 't1', role: 'AUDITOR', grantedBy: 'admin', grantedAt: at } };

describe('user decider', () => {
  it('registers a user at the first sign-in with the mapped roles', () => {
    spec.given([]).when(signIn(['ANALYST'])).then([registered, synced(['ANALYST'])]);
  });

  it('records nothing at a later sign-in with the same roles, and the new roles when they change', () => {
    spec.given([registered, synced(['ANALYST'])]).when(signIn(['ANALYST'])).then([]);
    spec.given([registered, synced(['ANALYST'])]).when(signIn(['VIEWER', 'ANALYST'])).then([synced(['ANALYST', 'VIEWER'])]);
  });

  it('grants a tenant role once', () => {
    spec.given([registered]).when(grant('AUDITOR')).then([granted]);
    spec.given([registered, granted]).when(grant('AUDITOR')).then([]);
  });

  it('refuses platform-admin, unknown roles, unknown users and users of another tenant', () => {
    spec.given([registered]).when(grant('PLATFORM_ADMIN')).thenRejects('FORBIDDEN');
    spec.given([registered]).when(grant('MODERATOR')).thenRejects('FORBIDDEN', /operators' tenant/);
    spec.given([registered]).when(grant('overlord')).thenRejects('BAD_USER_INPUT');
    spec.given([]).when(grant('AUDITOR')).thenRejects('NOT_FOUND');
    spec.given([registered]).when(grant('AUDITOR', 't2')).thenRejects('NOT_FOUND');
  });

  it("grants the operator roles (platform-admin, moderator) only in the operators' tenant", () => {
    spec.given([registered]).when({ type: 'GrantRole', userId: 'u1', tenantId: 't1', role: 'MODERATOR', by: 'admin', at, allowPlatformAdmin: true }).then([
      { type: 'RoleGranted', data: { userId: 'u1', tenantId: 't1', role: 'MODERATOR', grantedBy: 'admin', grantedAt: at } },
    ]);
    spec.given([registered]).when({ type: 'GrantRole', userId: 'u1', tenantId: 't1', role: 'PLATFORM_ADMIN', by: 'admin', at, allowPlatformAdmin: true }).then([
      { type: 'RoleGranted', data: { userId: 'u1', tenantId: 't1', role: 'PLATFORM_ADMIN', grantedBy: 'admin', grantedAt: at } },
    ]);
  });

  it('revokes a granted role, and explains that a mapped role is changed at the provider', () => {
    spec.given([registered, granted]).when(revoke('AUDITOR')).then([{ type: 'RoleRevoked', data: { userId: 'u1', tenantId: 't1', role: 'AUDITOR', revokedBy: 'admin', revokedAt: at } }]);
    spec.given([registered, synced(['ANALYST'])]).when(revoke('ANALYST')).thenRejects('BAD_USER_INPUT', /identity provider's role mapping/);
    spec.given([registered]).when(revoke('VIEWER')).thenRejects('BAD_USER_INPUT', /not held/);
  });
});
