import { samlClient } from './saml-client';
import type { SamlProviderSettings } from './saml-provider-settings';

/**
 * Where to send the browser to sign in: the IdP's SSO URL with a deflated AuthnRequest
 * (`SAMLRequest`) and the `RelayState`, per the HTTP-Redirect binding. The request is not signed:
 * Goliath holds no SP signing key, and responses are accepted without InResponseTo correlation.
 */
export async function samlLoginRedirectUrl(settings: SamlProviderSettings, relayState?: string): Promise<string> {
  return samlClient(settings).getAuthorizeUrlAsync(relayState ?? '', undefined, {});
}

/** SP metadata XML to give the IdP's administrator: entityID, the ACS URL (HTTP-POST) and NameID format. */
export function samlServiceProviderMetadata(settings: SamlProviderSettings): string {
  return samlClient(settings).generateServiceProviderMetadata(null);
}
