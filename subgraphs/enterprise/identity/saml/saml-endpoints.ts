import { readFileSync } from 'node:fs';
import type { PlatformConfig } from '../../../../platform/config';
import type { IdentityProviderDocument } from '../../../../schema/read-models/identity';
import type { SamlProviderSettings } from './saml-provider-settings';

/** Where browsers reach a tenant's SAML endpoints through the gateway (PUBLIC_URL). */
export function samlEndpoints(config: PlatformConfig, tenantId: string) {
  const base = `${config.signIn.publicUrl}/auth/saml/${encodeURIComponent(tenantId)}`;
  return { loginUrl: `${base}/login`, acsUrl: `${base}/acs`, metadataUrl: `${base}/metadata` };
}

/** A stored SAML provider as the verifier needs it; certificates from SAML_CERT_PATH when it has none. */
export function samlSettingsOf(provider: IdentityProviderDocument, config: PlatformConfig): SamlProviderSettings {
  const saml = provider.saml;
  if (!saml) throw new Error(`Identity provider ${provider.id} is not a SAML provider`);
  return {
    idpEntityId: saml.idpEntityId,
    ssoUrl: saml.ssoUrl,
    signingCertificates: saml.signingCertificates.length > 0 ? saml.signingCertificates : certificatesAt(config.signIn.samlCertPath),
    spEntityId: saml.spEntityId,
    acsUrl: saml.acsUrl,
    clockSkewMs: config.signIn.clockSkewSeconds * 1000,
    ...(saml.groupsAttribute && { attributeNames: { groups: saml.groupsAttribute } }),
  };
}

/** Every certificate in a PEM bundle; none when the path is unset (verification then refuses). */
function certificatesAt(path: string | undefined): string[] {
  if (!path) return [];
  return readFileSync(path, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
}
