import { decodeJwt } from 'jose';
import { createPlatformTokenIssuer } from '../../../../platform/auth/token-issuer';
import type { SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { openFileSecretStore, type SecretStore } from '../../../../platform/secrets/secret-store';
import { BruteForceGuard } from './brute-force-guard';
import { createCredentialVerifiers } from './credential-verifiers';
import { SignInService, type AccessTokenIssuer } from './sign-in-service';
import { ClientCredentialsExchange } from '../../service-accounts/client-credentials-exchange';

export interface IdentityServices {
  readonly signIn: SignInService;
  /** Service accounts' OAuth 2.0 client credentials, for the same tokens and the same lockout. */
  readonly clientCredentials: ClientCredentialsExchange;
  readonly secrets: SecretStore;
}

const servicesByDependencies = new WeakMap<SubgraphDependencies, IdentityServices>();

/**
 * The enterprise subgraph's identity machinery, one per hosted subgraph: resolvers and the SAML
 * browser routes share it, so the brute-force counts and the OIDC key caches are shared too
 * (service accounts' failed exchanges count in the same lockout as failed sign-ins).
 */
export function identityServices(deps: SubgraphDependencies): IdentityServices {
  let services = servicesByDependencies.get(deps);
  if (!services) {
    const secrets = openFileSecretStore(deps.config.keysDir);
    const issue = createPlatformTokenIssuer(deps.config);
    const guard = new BruteForceGuard(deps.config.signIn, deps.counters);
    const issueAccessToken: AccessTokenIssuer = async (claims) => {
      const token = await (await issue)(claims);
      return { token, expiresAt: new Date((decodeJwt(token).exp ?? 0) * 1000) };
    };
    const signIn = new SignInService(deps, createCredentialVerifiers(deps.config, deps.eventStore, secrets, deps.clock), guard, issueAccessToken);
    services = { signIn, clientCredentials: new ClientCredentialsExchange(deps, guard, issueAccessToken), secrets };
    servicesByDependencies.set(deps, services);
  }
  return services;
}
