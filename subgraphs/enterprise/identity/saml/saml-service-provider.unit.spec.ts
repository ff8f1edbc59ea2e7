import { inflateRawSync } from 'node:zlib';
import type { SamlProviderSettings } from './saml-provider-settings';
import { samlLoginRedirectUrl, samlServiceProviderMetadata } from './saml-service-provider';

const settings: SamlProviderSettings = {
  idpEntityId: 'https://idp.example.com/metadata',
  ssoUrl: 'https://idp.example.com/sso?tenant=acme',
  signingCertificates: ['MIIB'], // not read by either function
  spEntityId: 'https://goliath.example.com/saml/acme',
  acsUrl: 'https://goliath.example.com/saml/acme/acs',
  clockSkewMs: 0,
};

describe('samlLoginRedirectUrl', () => {
  it('redirects to the SSO URL with a deflated AuthnRequest from Goliath and the relay state', async () => {
    // when the login URL is built
    const url = new URL(await samlLoginRedirectUrl(settings, 'return-to=/dashboard'));

    // then it is the IdP's SSO URL, its own query kept, carrying SAMLRequest and RelayState
    expect(`${url.origin}${url.pathname}`).toBe('https://idp.example.com/sso');
    expect(url.searchParams.get('tenant')).toBe('acme');
    expect(url.searchParams.get('RelayState')).toBe('return-to=/dashboard');
    const request = inflateRawSync(Buffer.from(url.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
    expect(request).toContain('<samlp:AuthnRequest');
    expect(request).toContain(`AssertionConsumerServiceURL="${settings.acsUrl}"`);
    expect(request).toContain(`Destination="${settings.ssoUrl.replace('&', '&amp;')}"`);
    expect(request).toContain(`>${settings.spEntityId}</saml:Issuer>`);
  });

  it('leaves RelayState out when none is given', async () => {
    const url = new URL(await samlLoginRedirectUrl(settings));
    expect(url.searchParams.has('SAMLRequest')).toBe(true);
    expect(url.searchParams.has('RelayState')).toBe(false);
  });
});

describe('samlServiceProviderMetadata', () => {
  it('names Goliath by its entity id and its ACS URL for the HTTP-POST binding', () => {
    const metadata = samlServiceProviderMetadata(settings);
    expect(metadata).toContain(`entityID="${settings.spEntityId}"`);
    expect(metadata).toContain('<SPSSODescriptor');
    expect(metadata).toContain('WantAssertionsSigned="true"');
    expect(metadata).toMatch(
      new RegExp(
        `<AssertionConsumerService[^>]*Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"[^>]*Location="${settings.acsUrl}"`,
      ),
    );
  });
});
