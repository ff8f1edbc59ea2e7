import { DomainError, type Decider } from '../../../../platform/commands/decider';
import type { Role } from '../../../../platform/auth/auth-context';
import type { UserEvent } from '../../../../schema/events';
import { assertTenantRole } from './identity-provider-decider';

/**
 * A user's roles come from two places: the provider's mapping at the latest sign-in, and grants by
 * a tenant admin. The user holds the union; revoking takes back a grant only, because a role the
 * provider maps would come back at the next sign-in.
 */
export type UserState =
  | { readonly status: 'absent' }
  | {
      readonly status: 'registered';
      readonly tenantId: string;
      readonly providerRoles: readonly Role[];
      readonly grantedRoles: readonly Role[];
    };

export type UserCommand =
  | {
      readonly type: 'RecordSignIn';
      readonly userId: string;
      readonly tenantId: string;
      readonly providerId: string;
      readonly externalId: string;
      readonly email?: string;
      readonly displayName?: string;
      readonly providerRoles: readonly Role[];
      readonly at: string;
    }
  | RoleChange<'GrantRole'>
  | RoleChange<'RevokeRole'>;

interface RoleChange<Type extends string> {
  readonly type: Type;
  readonly userId: string;
  readonly tenantId: string;
  readonly role: string;
  readonly by: string;
  readonly at: string;
  /** Only in the operators' tenant (PLATFORM_OPERATOR_TENANT) may platform-admin be granted. */
  readonly allowPlatformAdmin?: boolean;
}

export function effectiveRoles(state: UserState): readonly Role[] {
  return state.status === 'registered' ? [...new Set([...state.grantedRoles, ...state.providerRoles])].sort() : [];
}

export const userDecider: Decider<UserState, UserCommand, UserEvent> = {
  initialState: () => ({ status: 'absent' }),

  evolve(state, event) {
    switch (event.type) {
      case 'UserRegistered':
        return { status: 'registered', tenantId: event.data.tenantId, providerRoles: [], grantedRoles: [] };
      case 'UserProviderRolesSynchronized':
        return state.status === 'registered' ? { ...state, providerRoles: event.data.roles } : state;
      case 'RoleGranted':
        return state.status === 'registered' ? { ...state, grantedRoles: [...state.grantedRoles, event.data.role] } : state;
      case 'RoleRevoked':
        return state.status === 'registered' ? { ...state, grantedRoles: state.grantedRoles.filter((role) => role !== event.data.role) } : state;
    }
  },

  decide(command, state) {
    if (state.status === 'registered' && state.tenantId !== command.tenantId) {
      throw new DomainError('NOT_FOUND', `User ${command.userId} does not exist.`);
    }
    switch (command.type) {
      case 'RecordSignIn': {
        const events: UserEvent[] = [];
        if (state.status === 'absent') {
          const { type: _type, providerRoles: _roles, at, ...identity } = command;
          events.push({ type: 'UserRegistered', data: { ...identity, registeredAt: at } });
        }
        const previous = state.status === 'registered' ? state.providerRoles : [];
        if (!sameRoles(previous, command.providerRoles) || state.status === 'absent') {
          events.push({
            type: 'UserProviderRolesSynchronized',
            data: { userId: command.userId, tenantId: command.tenantId, roles: [...command.providerRoles].sort(), signedInAt: command.at },
          });
        }
        return events;
      }
      case 'GrantRole': {
        if (state.status === 'absent') throw new DomainError('NOT_FOUND', `User ${command.userId} does not exist.`);
        assertTenantRole(command.role, 'role', command.allowPlatformAdmin);
        if (state.grantedRoles.includes(command.role)) return [];
        return [{ type: 'RoleGranted', data: { userId: command.userId, tenantId: command.tenantId, role: command.role, grantedBy: command.by, grantedAt: command.at } }];
      }
      case 'RevokeRole': {
        if (state.status === 'absent') throw new DomainError('NOT_FOUND', `User ${command.userId} does not exist.`);
        assertTenantRole(command.role, 'role', command.allowPlatformAdmin);
        if (!state.grantedRoles.includes(command.role)) {
          const reason = state.providerRoles.includes(command.role)
            ? `comes from the identity provider's role mapping; change the mapping or the user's groups there`
            : 'is not held by this user';
          throw new DomainError('BAD_USER_INPUT', `Role ${command.role} ${reason}.`, { field: 'role' });
        }
        return [{ type: 'RoleRevoked', data: { userId: command.userId, tenantId: command.tenantId, role: command.role, revokedBy: command.by, revokedAt: command.at } }];
      }
    }
  },
};

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}
