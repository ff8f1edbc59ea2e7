import { DomainError, type Decider } from '../../../../platform/commands/decider';
import { isOperatorRole, isRole, type Role } from '../../../../platform/auth/auth-context';
import type { IdentityProviderDefinition, IdentityProviderEvent } from '../../../../schema/events';

export type IdentityProviderState =
  | { readonly status: 'absent' }
  | { readonly status: 'active'; readonly definition: IdentityProviderDefinition }
  | { readonly status: 'removed'; readonly tenantId: string };

export type IdentityProviderCommand =
  | {
      readonly type: 'ConfigureIdentityProvider';
      readonly definition: IdentityProviderDefinition;
      readonly requestedAt: string;
      /** Only for the operators' tenant (PLATFORM_OPERATOR_TENANT): its mappings may give platform-admin. */
      readonly allowPlatformAdmin?: boolean;
    }
  | { readonly type: 'RemoveIdentityProvider'; readonly providerId: string; readonly tenantId: string; readonly requestedAt: string };

export const identityProviderDecider: Decider<IdentityProviderState, IdentityProviderCommand, IdentityProviderEvent> = {
  initialState: () => ({ status: 'absent' }),

  evolve(_state, event) {
    switch (event.type) {
      case 'IdentityProviderConfigured':
      case 'IdentityProviderReconfigured': {
        const { configuredAt: _at, ...definition } = event.data;
        return { status: 'active', definition };
      }
      case 'IdentityProviderRemoved':
        return { status: 'removed', tenantId: event.data.tenantId };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'ConfigureIdentityProvider': {
        const definition = validDefinition(command.definition, command.allowPlatformAdmin ?? false);
        if (state.status === 'removed') {
          throw new DomainError('CONFLICT', `Identity provider ${definition.providerId} was removed; configure a new one.`);
        }
        if (state.status === 'active' && state.definition.tenantId !== definition.tenantId) {
          throw new DomainError('NOT_FOUND', `Identity provider ${definition.providerId} does not exist.`);
        }
        if (state.status === 'active' && state.definition.type !== definition.type) {
          throw new DomainError('BAD_USER_INPUT', `Identity provider ${definition.providerId} is ${state.definition.type}; its type cannot change.`, { field: 'type' });
        }
        const type = state.status === 'absent' ? 'IdentityProviderConfigured' : 'IdentityProviderReconfigured';
        return [{ type, data: { ...definition, configuredAt: command.requestedAt } }];
      }
      case 'RemoveIdentityProvider':
        if (state.status !== 'active' || state.definition.tenantId !== command.tenantId) {
          throw new DomainError('NOT_FOUND', `Identity provider ${command.providerId} does not exist.`);
        }
        return [{ type: 'IdentityProviderRemoved', data: { providerId: command.providerId, tenantId: command.tenantId, removedAt: command.requestedAt } }];
    }
  },
};

/**
 * A tenant's provider can hand out any tenant role, never platform-admin (except the operators'
 * tenant's): otherwise whoever runs a tenant's IdP would run the whole platform.
 */
function validDefinition(definition: IdentityProviderDefinition, allowPlatformAdmin: boolean): IdentityProviderDefinition {
  const name = definition.name.trim();
  if (name.length === 0 || name.length > 100) throw new DomainError('BAD_USER_INPUT', 'A provider name has 1 to 100 characters.', { field: 'name' });
  const settingsByType = { SAML: definition.saml, OIDC: definition.oidc, LDAP: definition.ldap };
  for (const [type, settings] of Object.entries(settingsByType)) {
    if ((type === definition.type) !== (settings !== undefined)) {
      throw new DomainError('BAD_USER_INPUT', `A ${definition.type} provider takes the ${definition.type.toLowerCase()} settings and no others.`, { field: type.toLowerCase() });
    }
  }
  for (const role of [...definition.roleMappings.map((mapping) => mapping.role), ...definition.defaultRoles]) {
    assertTenantRole(role, 'roleMappings', allowPlatformAdmin);
  }
  for (const mapping of definition.roleMappings) {
    if (mapping.group.trim().length === 0) throw new DomainError('BAD_USER_INPUT', 'A role mapping needs a group.', { field: 'roleMappings' });
  }
  if (definition.saml) {
    requireUrl(definition.saml.ssoUrl, 'saml.ssoUrl');
    requireText(definition.saml.idpEntityId, 'saml.idpEntityId');
    requireText(definition.saml.spEntityId, 'saml.spEntityId');
    requireUrl(definition.saml.acsUrl, 'saml.acsUrl');
  }
  if (definition.oidc) {
    requireUrl(definition.oidc.issuer, 'oidc.issuer');
    requireText(definition.oidc.clientId, 'oidc.clientId');
    if (definition.oidc.jwksUri) requireUrl(definition.oidc.jwksUri, 'oidc.jwksUri');
  }
  if (definition.ldap) {
    if (!/^ldaps?:\/\/[^\s/]+/.test(definition.ldap.url)) {
      throw new DomainError('BAD_USER_INPUT', 'ldap.url must be ldap://host:port or ldaps://host:port.', { field: 'ldap.url' });
    }
    if (definition.ldap.url.startsWith('ldaps://') && definition.ldap.startTls) {
      throw new DomainError('BAD_USER_INPUT', 'Use either ldaps:// or StartTLS, not both.', { field: 'ldap.startTls' });
    }
    requireText(definition.ldap.bindDn, 'ldap.bindDn');
    requireText(definition.ldap.searchBase, 'ldap.searchBase');
    if (!definition.ldap.searchFilter.includes('{username}')) {
      throw new DomainError('BAD_USER_INPUT', 'ldap.searchFilter must contain {username}, e.g. (uid={username}).', { field: 'ldap.searchFilter' });
    }
  }
  return { ...definition, name };
}

export function assertTenantRole(role: string, field: string, allowPlatformAdmin = false): asserts role is Role {
  if (!isRole(role)) throw new DomainError('BAD_USER_INPUT', `${role} is not a role.`, { field });
  if (isOperatorRole(role) && !allowPlatformAdmin) {
    throw new DomainError('FORBIDDEN', `${role} cannot be given inside a tenant, only in the operators' tenant (PLATFORM_OPERATOR_TENANT).`, { field });
  }
}

function requireText(value: string, field: string): void {
  if (value.trim().length === 0) throw new DomainError('BAD_USER_INPUT', `${field} cannot be empty.`, { field });
}

function requireUrl(value: string, field: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DomainError('BAD_USER_INPUT', `${field} must be an absolute URL.`, { field });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))) {
    throw new DomainError('BAD_USER_INPUT', `${field} must use https (http only on loopback, for tests).`, { field });
  }
}
