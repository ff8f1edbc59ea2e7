import { X509Certificate } from 'node:crypto';
import type { Role } from '../../../platform/auth/auth-context';
import type { PlatformConfig } from '../../../platform/config';
import { badUserInput } from '../../../platform/errors';
import type { SecretStore } from '../../../platform/secrets/secret-store';
import type { IdentityProviderDefinition, IdentityProviderType } from '../../../schema/events';
import { samlEndpoints } from './saml/saml-endpoints';

/** What a caller gives to configure a provider: the GraphQL input, or the operators' JSON file. */
export interface IdentityProviderSettingsInput {
  readonly tenantId: string;
  readonly name: string;
  readonly type: IdentityProviderType;
  readonly saml?: {
    readonly idpEntityId: string;
    readonly ssoUrl: string;
    readonly signingCertificates?: readonly string[];
    readonly spEntityId?: string;
    readonly acsUrl?: string;
    readonly groupsAttribute?: string;
  };
  readonly oidc?: { readonly issuer: string; readonly clientId: string; readonly audience?: string; readonly jwksUri?: string; readonly groupsClaim?: string };
  readonly ldap?: {
    readonly url: string;
    readonly bindDn: string;
    readonly bindPassword?: string;
    readonly searchBase: string;
    readonly searchFilter: string;
    readonly groupSearchBase?: string;
    readonly groupFilter?: string;
    readonly startTls?: boolean;
  };
  readonly roleMappings?: readonly { readonly group: string; readonly role: Role }[];
  readonly defaultRoles?: readonly Role[];
}

/**
 * Turns a caller's settings into the definition the events hold: certificates normalised, the SAML
 * endpoints defaulted from PUBLIC_URL, and the LDAP bind password swapped for a reference into the
 * secret store (kept from `previous` when not given again). The decider checks the rest.
 */
export async function identityProviderDefinition(
  input: IdentityProviderSettingsInput,
  providerId: string,
  context: { readonly config: PlatformConfig; readonly secrets: SecretStore; readonly previous?: IdentityProviderDefinition },
): Promise<IdentityProviderDefinition> {
  const base = { providerId, tenantId: input.tenantId, name: input.name, type: input.type, roleMappings: [...(input.roleMappings ?? [])], defaultRoles: [...(input.defaultRoles ?? [])] };
  if (input.saml) {
    const endpoints = samlEndpoints(context.config, input.tenantId);
    const signingCertificates = (input.saml.signingCertificates ?? []).map((pem, index) => {
      try {
        return new X509Certificate(pem).toString();
      } catch {
        throw badUserInput(`signingCertificates[${index}] is not a PEM certificate.`, 'saml.signingCertificates');
      }
    });
    if (signingCertificates.length === 0 && !context.config.signIn.samlCertPath) {
      throw badUserInput('Give the IdP signing certificate in signingCertificates, or set SAML_CERT_PATH.', 'saml.signingCertificates');
    }
    return {
      ...base,
      saml: {
        idpEntityId: input.saml.idpEntityId,
        ssoUrl: input.saml.ssoUrl,
        signingCertificates,
        spEntityId: input.saml.spEntityId ?? endpoints.metadataUrl,
        acsUrl: input.saml.acsUrl ?? endpoints.acsUrl,
        ...(input.saml.groupsAttribute && { groupsAttribute: input.saml.groupsAttribute }),
      },
    };
  }
  if (input.oidc) {
    const { issuer, clientId, audience, jwksUri, groupsClaim } = input.oidc;
    return { ...base, oidc: { issuer: issuer.replace(/\/+$/, ''), clientId, ...(audience && { audience }), ...(jwksUri && { jwksUri }), ...(groupsClaim && { groupsClaim }) } };
  }
  if (input.ldap) {
    const { bindPassword, startTls, groupSearchBase, groupFilter, ...ldap } = input.ldap;
    const bindPasswordRef = bindPassword ? await context.secrets.put(bindPassword) : context.previous?.ldap?.bindPasswordRef;
    if (!bindPasswordRef) throw badUserInput('An LDAP provider needs bindPassword when it is first configured.', 'ldap.bindPassword');
    return { ...base, ldap: { ...ldap, bindPasswordRef, startTls: startTls ?? false, ...(groupSearchBase && { groupSearchBase }), ...(groupFilter && { groupFilter }) } };
  }
  return base;
}
