import { DomainError } from '../../../../platform/commands/decider';
import type { ServiceAccountEvent } from '../../../../schema/events';
import { deciderSpec } from '../../../../test/support/decider-spec';
import { authenticateClient, serviceAccountDecider, type ServiceAccountCommand } from './service-account-decider';

const spec = deciderSpec(serviceAccountDecider);
const at = '2026-12-03T12:00:00.000Z';
const create = (overrides: Partial<Extract<ServiceAccountCommand, { type: 'CreateServiceAccount' }>> = {}): ServiceAccountCommand => ({
  type: 'CreateServiceAccount',
  serviceAccountId: 'sa1',
  tenantId: 't1',
  name: 'nightly-import',
  roles: ['ANALYST'],
  secretId: 'k1',
  secretHash: 'h1',
  by: 'admin',
  at,
  allowPlatformAdmin: false,
  ...overrides,
});
const created: ServiceAccountEvent = {
  type: 'ServiceAccountCreated',
  data: { serviceAccountId: 'sa1', tenantId: 't1', name: 'nightly-import', roles: ['ANALYST'], secretId: 'k1', secretHash: 'h1', createdBy: 'admin', createdAt: at },
};
const rotate = (tenantId = 't1'): ServiceAccountCommand => ({ type: 'RotateServiceAccountSecret', serviceAccountId: 'sa1', tenantId, secretId: 'k2', secretHash: 'h2', by: 'admin', at });
const rotated: ServiceAccountEvent = {
  type: 'ServiceAccountSecretRotated',
  data: { serviceAccountId: 'sa1', tenantId: 't1', secretId: 'k2', secretHash: 'h2', previousSecretId: 'k1', rotatedBy: 'admin', rotatedAt: at },
};
const revoke: ServiceAccountCommand = { type: 'RevokeServiceAccount', serviceAccountId: 'sa1', tenantId: 't1', by: 'admin', at };
const revokedAfterRotation: ServiceAccountEvent = { type: 'ServiceAccountRevoked', data: { serviceAccountId: 'sa1', tenantId: 't1', secretId: 'k2', revokedBy: 'admin', revokedAt: at } };

const fold = (events: readonly ServiceAccountEvent[]) => events.reduce(serviceAccountDecider.evolve, serviceAccountDecider.initialState());
const codeOf = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
};

describe('service account decider', () => {
  it('creates an account with its roles sorted and deduplicated', () => {
    spec.given([]).when(create({ roles: ['VIEWER', 'ANALYST', 'VIEWER'] })).then([{ ...created, data: { ...created.data, roles: ['ANALYST', 'VIEWER'] } }]);
  });

  it('refuses a second account of the same name, even after the first was revoked', () => {
    spec.given([created]).when(create()).thenRejects('CONFLICT', /never reused/);
    spec.given([created, revokedAfterRotation]).when(create()).thenRejects('CONFLICT');
  });

  it('refuses a bad name, no roles, and platform-admin outside the operators\u2019 tenant', () => {
    spec.given([]).when(create({ name: 'Nightly Import' })).thenRejects('BAD_USER_INPUT');
    spec.given([]).when(create({ name: 'service-account:x' })).thenRejects('BAD_USER_INPUT');
    spec.given([]).when(create({ roles: [] })).thenRejects('BAD_USER_INPUT');
    spec.given([]).when(create({ roles: ['PLATFORM_ADMIN'] })).thenRejects('FORBIDDEN', /operators/);
    spec.given([]).when(create({ roles: ['MODERATOR'] })).thenRejects('FORBIDDEN', /operators/);
    spec.given([]).when(create({ roles: ['PLATFORM_ADMIN'], allowPlatformAdmin: true })).then([{ ...created, data: { ...created.data, roles: ['PLATFORM_ADMIN'] } }]);
  });

  it('rotates the secret, naming the one it replaces so its tokens end', () => {
    spec.given([created]).when(rotate()).then([rotated]);
  });

  it('revokes once, naming the current secret; revoking again changes nothing', () => {
    spec.given([created, rotated]).when(revoke).then([revokedAfterRotation]);
    spec.given([created, rotated, revokedAfterRotation]).when(revoke).then([]);
  });

  it('answers NOT_FOUND for a missing account and for another tenant\u2019s', () => {
    spec.given([]).when(rotate()).thenRejects('NOT_FOUND');
    spec.given([created]).when(rotate('t2')).thenRejects('NOT_FOUND');
    spec.given([created]).when({ ...revoke, tenantId: 't2' }).thenRejects('NOT_FOUND');
  });

  it('refuses to rotate a revoked account', () => {
    spec.given([created, revokedAfterRotation]).when(rotate()).thenRejects('SERVICE_ACCOUNT_REVOKED');
  });
});

describe('authenticateClient', () => {
  const same = (a: string, b: string) => a === b;

  it('accepts the current secret only', () => {
    expect(authenticateClient(fold([created, rotated]), 'h2', same)).toMatchObject({ status: 'active', secretId: 'k2', roles: ['ANALYST'] });
    expect(codeOf(() => authenticateClient(fold([created, rotated]), 'h1', same))).toBe('INVALID_CLIENT');
  });

  it('answers an unknown client like a wrong secret, and tells only the secret\u2019s holder of a revocation', () => {
    expect(codeOf(() => authenticateClient(fold([]), 'h1', same))).toBe('INVALID_CLIENT');
    const revoked = fold([created, rotated, revokedAfterRotation]);
    expect(codeOf(() => authenticateClient(revoked, 'h1', same))).toBe('INVALID_CLIENT');
    expect(codeOf(() => authenticateClient(revoked, 'h2', same))).toBe('SERVICE_ACCOUNT_REVOKED');
  });
});
