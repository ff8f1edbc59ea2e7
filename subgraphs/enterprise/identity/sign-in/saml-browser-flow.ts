import express, { type Response } from 'express';
import { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import type { SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { CLIENT_ADDRESS_HEADER, CORRELATION_HEADER } from '../../../../platform/graphql/subgraph-server';
import type { IdentityProviderDocument } from '../../../../schema/read-models/identity';
import { findIdentityProvider } from './find-identity-provider';
import { identityServices } from './identity-services';
import { samlSettingsOf } from '../saml/saml-endpoints';
import { samlLoginRedirectUrl, samlServiceProviderMetadata } from '../saml/saml-service-provider';
import type { SessionGrant } from './sign-in-service';
import { IdentityVerificationError } from '../verified-identity';

/**
 * The browser side of SAML (SP-initiated, HTTP-Redirect to the IdP, HTTP-POST back):
 *   GET  /auth/saml/:tenant/login     → 302 to the IdP with an AuthnRequest
 *   POST /auth/saml/:tenant/acs       → verifies the posted SAMLResponse and opens a session
 *   GET  /auth/saml/:tenant/metadata  → SP metadata XML to register Goliath at the IdP
 * `?provider=<id>` picks one of several SAML providers of a tenant.
 */
export function samlBrowserFlow(deps: SubgraphDependencies): express.Router {
  const router = express.Router();
  const findProvider = (tenantId: string, providerId: unknown): Promise<IdentityProviderDocument | undefined> =>
    findIdentityProvider(deps.readStore, { tenantId, type: 'SAML', providerId: typeof providerId === 'string' ? providerId : undefined }).catch((error: unknown) => {
      if (error instanceof IdentityVerificationError) return undefined;
      throw error;
    });
  const noProvider = (response: Response, tenantId: string) =>
    response.status(404).type('text/plain').send(`Tenant ${tenantId} has no single SAML identity provider; a tenant admin configures one (or pass ?provider=<id>).`);

  router.get('/auth/saml/:tenant/metadata', async (request, response, next) => {
    try {
      const provider = await findProvider(request.params.tenant, request.query.provider);
      if (!provider) return void noProvider(response, request.params.tenant);
      response.type('application/samlmetadata+xml').send(samlServiceProviderMetadata(samlSettingsOf(provider, deps.config)));
    } catch (error) {
      next(error);
    }
  });

  router.get('/auth/saml/:tenant/login', async (request, response, next) => {
    try {
      const provider = await findProvider(request.params.tenant, request.query.provider);
      if (!provider) return void noProvider(response, request.params.tenant);
      const relayState = typeof request.query.relayState === 'string' && isLocalPath(request.query.relayState) ? request.query.relayState : undefined;
      response.redirect(302, await samlLoginRedirectUrl(samlSettingsOf(provider, deps.config), relayState));
    } catch (error) {
      next(error);
    }
  });

  router.post('/auth/saml/:tenant/acs', express.urlencoded({ extended: false, limit: '1mb' }), async (request, response, next) => {
    const body = request.body as { SAMLResponse?: unknown; RelayState?: unknown };
    if (typeof body.SAMLResponse !== 'string') {
      response.status(400).json({ error: { code: 'BAD_USER_INPUT', message: 'Post the IdP response as the SAMLResponse form field.' } });
      return;
    }
    try {
      const grant = await identityServices(deps).signIn.signIn({
        tenantId: request.params.tenant,
        credentials: { type: 'SAML', samlResponse: body.SAMLResponse },
        providerId: typeof request.query.provider === 'string' ? request.query.provider : undefined,
        clientAddress: request.header(CLIENT_ADDRESS_HEADER) ?? request.socket.remoteAddress,
        correlationId: request.header(CORRELATION_HEADER) ?? randomUUID(),
      });
      const relayState = typeof body.RelayState === 'string' && isLocalPath(body.RelayState) ? body.RelayState : undefined;
      // Tokens go in the fragment: browsers never send it to a server or put it in a Referer.
      if (relayState) response.redirect(303, `${relayState}#${new URLSearchParams(fragmentOf(grant))}`);
      else response.set('cache-control', 'no-store').json(fragmentOf(grant));
    } catch (error) {
      if (!(error instanceof GraphQLError)) return void next(error);
      response.status(401).json({ error: { code: error.extensions.code, message: error.message } });
    }
  });
  return router;
}

/** Only a path on this site: an absolute RelayState would make the ACS an open redirect. */
function isLocalPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !value.includes('\\');
}

function fragmentOf(grant: SessionGrant): Record<string, string> {
  return {
    access_token: grant.accessToken,
    refresh_token: grant.refreshToken,
    expires_at: grant.accessTokenExpiresAt.toISOString(),
    session_id: grant.sessionId,
    user_id: grant.userId,
    roles: grant.roles.join(' '),
  };
}
