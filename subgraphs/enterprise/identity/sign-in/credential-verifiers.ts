import type { PlatformConfig } from '../../../../platform/config';
import type { EventStore } from '../../../../platform/eventstore/port';
import type { CommandCaller } from '../../../../platform/commands/command-caller';
import type { SecretStore } from '../../../../platform/secrets/secret-store';
import type { IdentityProviderDocument } from '../../../../schema/read-models/identity';
import { authenticateWithLdap } from '../ldap/authenticate-with-ldap';
import { createOidcVerifier } from '../oidc/oidc-verifier';
import { rememberSamlAssertion } from '../saml/saml-assertion-guard';
import { samlSettingsOf } from '../saml/saml-endpoints';
import { verifySamlResponse } from '../saml/verify-saml-response';
import type { CredentialVerifiers } from './sign-in-request';

const LDAP_TIMEOUT_MS = 5_000;

/** The real verifiers: node-saml for SAML, jose for OIDC, ldapts for LDAP (the bind password from the secret store). */
export function createCredentialVerifiers(config: PlatformConfig, eventStore: EventStore, secrets: SecretStore, clock: () => Date): CredentialVerifiers {
  const oidc = createOidcVerifier();
  return {
    saml: (provider, samlResponse, caller: CommandCaller) => {
      const settings = samlSettingsOf(provider, config);
      const origin = { tenantId: provider.tenantId, providerId: provider.id, issuer: settings.idpEntityId };
      return verifySamlResponse(settings, samlResponse, { now: clock, rememberAssertion: rememberSamlAssertion({ eventStore, clock }, caller, origin) });
    },
    oidc: (provider, idToken, nonce) =>
      oidc.verifyIdToken({ ...oidcSettings(provider), clockSkewSeconds: config.signIn.clockSkewSeconds }, idToken, { ...(nonce && { nonce }), now: clock() }),
    ldap: async (provider, username, password) => {
      const { bindPasswordRef, ...ldap } = ldapSettings(provider);
      return authenticateWithLdap({ ...ldap, timeoutMs: LDAP_TIMEOUT_MS }, await secrets.get(bindPasswordRef), username, password);
    },
  };
}

function oidcSettings(provider: IdentityProviderDocument) {
  if (!provider.oidc) throw new Error(`Identity provider ${provider.id} is not an OIDC provider`);
  return provider.oidc;
}

function ldapSettings(provider: IdentityProviderDocument) {
  if (!provider.ldap) throw new Error(`Identity provider ${provider.id} is not an LDAP provider`);
  return provider.ldap;
}
