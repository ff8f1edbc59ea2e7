import { DomainError, type Decider } from '../../../../platform/commands/decider';
import type { TenantEvent } from '../../../../schema/events';

export type TenantState =
  | { readonly status: 'absent' }
  | { readonly status: 'active'; readonly tenantId: string; readonly name: string; readonly createdAt: string };

export type TenantCommand =
  | { readonly type: 'CreateTenant'; readonly tenantId: string; readonly name: string; readonly requestedAt: string }
  | { readonly type: 'RenameTenant'; readonly tenantId: string; readonly name: string; readonly requestedAt: string };

export const TENANT_NAME_MAX_LENGTH = 100;

export const tenantDecider: Decider<TenantState, TenantCommand, TenantEvent> = {
  initialState: () => ({ status: 'absent' }),

  evolve(state, event) {
    switch (event.type) {
      case 'TenantCreated':
        return { status: 'active', tenantId: event.data.tenantId, name: event.data.name, createdAt: event.data.createdAt };
      case 'TenantRenamed':
        return state.status === 'active' ? { ...state, name: event.data.name } : state;
    }
  },

  decide(command, state) {
    const name = validTenantName(command.name);
    switch (command.type) {
      case 'CreateTenant':
        if (state.status !== 'absent') throw new DomainError('CONFLICT', `Tenant ${command.tenantId} already exists.`);
        return [{ type: 'TenantCreated', data: { tenantId: command.tenantId, name, createdAt: command.requestedAt } }];
      case 'RenameTenant':
        if (state.status === 'absent') throw new DomainError('NOT_FOUND', `Tenant ${command.tenantId} does not exist.`);
        if (state.name === name) return [];
        return [
          { type: 'TenantRenamed', data: { tenantId: command.tenantId, name, previousName: state.name, renamedAt: command.requestedAt } },
        ];
    }
  },
};

/** Names are shown in every console and invoice: trimmed, 1–100 characters, no control characters. */
function validTenantName(raw: string): string {
  const name = raw.trim();
  if (name.length === 0) throw new DomainError('BAD_USER_INPUT', 'A tenant name cannot be empty.');
  if (name.length > TENANT_NAME_MAX_LENGTH) {
    throw new DomainError('BAD_USER_INPUT', `A tenant name has at most ${TENANT_NAME_MAX_LENGTH} characters.`);
  }
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new DomainError('BAD_USER_INPUT', 'A tenant name cannot contain control characters.');
  return name;
}
