import { deciderSpec } from '../../../../test/support/decider-spec';
import type { IdentityProviderDefinition, IdentityProviderEvent } from '../../../../schema/events';
import { identityProviderDecider, type IdentityProviderCommand } from './identity-provider-decider';

const spec = deciderSpec(identityProviderDecider);
const at = '2026-11-26T10:00:00.000Z';
const oidc: IdentityProviderDefinition = {
  providerId: 'p1',
  tenantId: 't1',
  name: 'Okta',
  type: 'OIDC',
  oidc: { issuer: 'https://idp.example.com', clientId: 'goliath' },
  roleMappings: [{ group: 'quants', role: 'ANALYST' }],
  defaultRoles: ['VIEWER'],
};
const configure = (definition: IdentityProviderDefinition): IdentityProviderCommand => ({ type: 'ConfigureIdentityProvider', definition, requestedAt: at });
const configured: IdentityProviderEvent = { type: 'IdentityProviderConfigured', data: { ...oidc, configuredAt: at } };

describe('identity provider decider', () => {
  it('configures a new provider', () => {
    spec.given([]).when(configure(oidc)).then([configured]);
  });

  it('reconfigures an existing provider of the same tenant', () => {
    const changed = { ...oidc, roleMappings: [{ group: 'ops', role: 'DEVELOPER' as const }] };
    spec.given([configured]).when(configure(changed)).then([{ type: 'IdentityProviderReconfigured', data: { ...changed, configuredAt: at } }]);
  });

  it('refuses a mapping to platform-admin: a tenant IdP must not run the platform', () => {
    spec.given([]).when(configure({ ...oidc, roleMappings: [{ group: 'it', role: 'PLATFORM_ADMIN' }] })).thenRejects('FORBIDDEN');
    spec.given([]).when(configure({ ...oidc, defaultRoles: ['PLATFORM_ADMIN'] })).thenRejects('FORBIDDEN');
    spec.given([]).when(configure({ ...oidc, roleMappings: [{ group: 'mods', role: 'MODERATOR' }] })).thenRejects('FORBIDDEN', /MODERATOR/);
  });

  it("lets the operators' tenant map a group to platform-admin, and only it", () => {
    const operators = { ...oidc, roleMappings: [{ group: 'operators', role: 'PLATFORM_ADMIN' as const }] };
    spec.given([]).when({ type: 'ConfigureIdentityProvider', definition: operators, requestedAt: at, allowPlatformAdmin: true }).then([{ type: 'IdentityProviderConfigured', data: { ...operators, configuredAt: at } }]);
    spec.given([]).when(configure(operators)).thenRejects('FORBIDDEN', /operators' tenant/);
  });

  it('refuses settings that do not match the type', () => {
    spec.given([]).when(configure({ ...oidc, oidc: undefined })).thenRejects('BAD_USER_INPUT', /OIDC provider takes/);
  });

  it('refuses plain http to a non-loopback host', () => {
    spec.given([]).when(configure({ ...oidc, oidc: { issuer: 'http://idp.example.com', clientId: 'x' } })).thenRejects('BAD_USER_INPUT', /https/);
  });

  it('refuses an LDAP search filter without {username}', () => {
    const ldap: IdentityProviderDefinition = {
      ...oidc,
      type: 'LDAP',
      oidc: undefined,
      ldap: { url: 'ldap://127.0.0.1:389', bindDn: 'cn=admin', bindPasswordRef: 'r', searchBase: 'dc=x', searchFilter: '(uid=alice)', startTls: false },
    };
    spec.given([]).when(configure(ldap)).thenRejects('BAD_USER_INPUT', /\{username\}/);
  });

  it("does not let another tenant overwrite or remove a tenant's provider", () => {
    spec.given([configured]).when(configure({ ...oidc, tenantId: 't2' })).thenRejects('NOT_FOUND');
    spec.given([configured]).when({ type: 'RemoveIdentityProvider', providerId: 'p1', tenantId: 't2', requestedAt: at }).thenRejects('NOT_FOUND');
  });

  it('removes a provider once', () => {
    const remove: IdentityProviderCommand = { type: 'RemoveIdentityProvider', providerId: 'p1', tenantId: 't1', requestedAt: at };
    const removed: IdentityProviderEvent = { type: 'IdentityProviderRemoved', data: { providerId: 'p1', tenantId: 't1', removedAt: at } };
    spec.given([configured]).when(remove).then([removed]);
    spec.given([configured, removed]).when(remove).thenRejects('NOT_FOUND');
  });
});
