import { isOperatorRole, type Role } from '../../../../platform/auth/auth-context';
import { DomainError, type Decider } from '../../../../platform/commands/decider';
import { ErrorCode } from '../../../../platform/errors';
import type { ServiceAccountEvent } from '../../../../schema/events';

export type ServiceAccountState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'active' | 'revoked';
      readonly tenantId: string;
      readonly name: string;
      readonly roles: readonly Role[];
      /** The current secret's; a revoked account keeps its last, so that only its holder learns of the revocation. */
      readonly secretId: string;
      readonly secretHash: string;
    };

interface AccountChange<Type extends string> {
  readonly type: Type;
  readonly serviceAccountId: string;
  readonly tenantId: string;
  readonly by: string;
  readonly at: string;
}

/** A new secret: its id (the `sid` of the tokens it buys) and its SHA-256; the secret itself is never stored. */
interface NewSecret {
  readonly secretId: string;
  readonly secretHash: string;
}

export type ServiceAccountCommand =
  | (AccountChange<'CreateServiceAccount'> &
      NewSecret & {
        readonly name: string;
        readonly roles: readonly Role[];
        /** Only in the operators' tenant (PLATFORM_OPERATOR_TENANT) may an account hold platform-admin. */
        readonly allowPlatformAdmin: boolean;
      })
  | (AccountChange<'RotateServiceAccountSecret'> & NewSecret)
  | AccountChange<'RevokeServiceAccount'>;

/** Lower-case letters, digits, `.`, `_` and `-`: the name appears as the actor of every audit entry the account causes. */
export const SERVICE_ACCOUNT_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/**
 * A tenant's service account. Its id is derived from tenant and name, so a name is taken once
 * and for good: an audit entry's actor `service-account:<name>` always means one account, even
 * after it is revoked. Rotation replaces the secret at once (no overlap), so a leaked secret is
 * dead the moment an admin rotates it.
 */
export const serviceAccountDecider: Decider<ServiceAccountState, ServiceAccountCommand, ServiceAccountEvent> = {
  initialState: () => ({ status: 'absent' }),

  evolve(state, event) {
    switch (event.type) {
      case 'ServiceAccountCreated': {
        const { tenantId, name, roles, secretId, secretHash } = event.data;
        return { status: 'active', tenantId, name, roles, secretId, secretHash };
      }
      case 'ServiceAccountSecretRotated':
        return state.status === 'active' ? { ...state, secretId: event.data.secretId, secretHash: event.data.secretHash } : state;
      case 'ServiceAccountRevoked':
        return state.status === 'absent' ? state : { ...state, status: 'revoked' };
    }
  },

  decide(command, state) {
    if (command.type === 'CreateServiceAccount') return create(command, state);
    if (state.status === 'absent' || state.tenantId !== command.tenantId) {
      throw new DomainError(ErrorCode.NotFound, `Service account ${command.serviceAccountId} does not exist.`);
    }
    const { serviceAccountId, tenantId } = command;
    switch (command.type) {
      case 'RotateServiceAccountSecret':
        if (state.status === 'revoked') throw revokedError(state.name);
        return [
          {
            type: 'ServiceAccountSecretRotated',
            data: { serviceAccountId, tenantId, secretId: command.secretId, secretHash: command.secretHash, previousSecretId: state.secretId, rotatedBy: command.by, rotatedAt: command.at },
          },
        ];
      case 'RevokeServiceAccount':
        if (state.status === 'revoked') return [];
        return [{ type: 'ServiceAccountRevoked', data: { serviceAccountId, tenantId, secretId: state.secretId, revokedBy: command.by, revokedAt: command.at } }];
    }
  },
};

function create(command: Extract<ServiceAccountCommand, { type: 'CreateServiceAccount' }>, state: ServiceAccountState): ServiceAccountEvent[] {
  if (!SERVICE_ACCOUNT_NAME.test(command.name)) {
    throw new DomainError(ErrorCode.BadUserInput, 'A service account name is 1 to 63 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit.', { field: 'name' });
  }
  if (state.status !== 'absent') {
    throw new DomainError(
      ErrorCode.Conflict,
      `Tenant ${command.tenantId} already has (or had) a service account named ${command.name}; names are never reused, so that the audit trail's actor always means one account. Choose another name, or rotate its secret.`,
    );
  }
  const roles = [...new Set(command.roles)].sort();
  if (roles.length === 0) throw new DomainError(ErrorCode.BadUserInput, 'A service account needs at least one role.', { field: 'roles' });
  if (roles.some(isOperatorRole) && !command.allowPlatformAdmin) {
    throw new DomainError(ErrorCode.Forbidden, 'PLATFORM_ADMIN and MODERATOR are held only in the operators\u2019 tenant (PLATFORM_OPERATOR_TENANT); give the account a tenant role.');
  }
  const { serviceAccountId, tenantId, name, secretId, secretHash } = command;
  return [{ type: 'ServiceAccountCreated', data: { serviceAccountId, tenantId, name, roles, secretId, secretHash, createdBy: command.by, createdAt: command.at } }];
}

/**
 * The account a client secret authenticates, or INVALID_CLIENT: an unknown account, another
 * tenant's and a wrong or rotated-away secret answer alike, so a client id cannot be probed. Only
 * the holder of the right secret learns that its account was revoked.
 */
export function authenticateClient(state: ServiceAccountState, presentedHash: string, matches: (stored: string, presented: string) => boolean) {
  if (state.status === 'absent' || !matches(state.secretHash, presentedHash)) throw invalidClient();
  if (state.status === 'revoked') throw revokedError(state.name);
  return state;
}

export function invalidClient(): DomainError {
  return new DomainError(ErrorCode.InvalidClient, 'The client id or secret is not valid; ask your tenant admin for the service account\u2019s current credentials.');
}

function revokedError(name: string): DomainError {
  return new DomainError(ErrorCode.ServiceAccountRevoked, `Service account ${name} was revoked; a tenant admin creates a new one with createServiceAccount.`);
}
