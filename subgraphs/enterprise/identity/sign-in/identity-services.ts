import { decodeJwt } from 'jose';
import { createPlatformTokenIssuer } from '../../../../platform/auth/token-issuer';
import type { SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { openFileSecretStore, type SecretStore } from '../../../../platform/secrets/secret-store';
import { BruteForceGuard } from './brute-force-guard';
import { createCredentialVerifiers } from './credential-verifiers';
import { SignInService } from './sign-in-service';

export interface IdentityServices {
  readonly signIn: SignInService;
  readonly secrets: SecretStore;
}

const servicesByDependencies = new WeakMap<SubgraphDependencies, IdentityServices>();

/**
 * The enterprise subgraph's identity machinery, one per hosted subgraph: resolvers and the SAML
 * browser routes share it, so the brute-force counts and the OIDC key caches are shared too.
 */
export function identityServices(deps: SubgraphDependencies): IdentityServices {
  let services = servicesByDependencies.get(deps);
  if (!services) {
    const secrets = openFileSecretStore(deps.config.keysDir);
    const issue = createPlatformTokenIssuer(deps.config);
    const signIn = new SignInService(deps, createCredentialVerifiers(deps.config, deps.eventStore, secrets, deps.clock), new BruteForceGuard(deps.config.signIn), async (claims) => {
      const token = await (await issue)(claims);
      return { token, expiresAt: new Date((decodeJwt(token).exp ?? 0) * 1000) };
    });
    services = { signIn, secrets };
    servicesByDependencies.set(deps, services);
  }
  return services;
}
