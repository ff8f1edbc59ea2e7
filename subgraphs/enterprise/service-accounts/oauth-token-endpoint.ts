import express, { type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../platform/commands/decider';
import type { PlatformConfig } from '../../../platform/config';
import { ErrorCode } from '../../../platform/errors';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { CLIENT_ADDRESS_HEADER, CORRELATION_HEADER } from '../../../platform/graphql/subgraph-server';
import { identityServices } from '../identity/sign-in/identity-services';

export const OAUTH_TOKEN_PATH = '/oauth/token';
const FORM = 'application/x-www-form-urlencoded';

/** Where clients exchange client credentials, through the gateway (PUBLIC_URL). */
export function oauthTokenUrl(config: PlatformConfig): string {
  return `${config.signIn.publicUrl}${OAUTH_TOKEN_PATH}`;
}

interface OAuthError {
  readonly status: number;
  readonly error: string;
  readonly description: string;
  /** Goliath's stable code, beside OAuth's own (RFC 6749 §5.2 allows extra members). */
  readonly code?: string;
  readonly retryAfterSeconds?: number;
}

/**
 * The OAuth 2.0 token endpoint for the client credentials grant (RFC 6749 §4.4), so that any
 * OAuth client library or a plain curl can get a service account's token:
 *
 *   curl -u "$CLIENT_ID:$CLIENT_SECRET" -d grant_type=client_credentials $PUBLIC_URL/oauth/token
 *
 * The client authenticates with HTTP Basic or with `client_id`/`client_secret` in the form, never
 * both (§2.3.1). Answers are `no-store`; errors are OAuth's (§5.2) with Goliath's code beside.
 */
export function oauthTokenEndpoint(deps: SubgraphDependencies): express.Router {
  const router = express.Router();
  router.post(OAUTH_TOKEN_PATH, express.urlencoded({ extended: false, limit: '16kb' }), async (request, response, next) => {
    response.set({ 'cache-control': 'no-store', pragma: 'no-cache' });
    const form = formOf(request);
    if (typeof form === 'string') return void refuse(response, { status: 400, error: 'invalid_request', description: form });
    const client = clientOf(request, form);
    if (typeof client === 'string') return void refuse(response, { status: 400, error: 'invalid_request', description: client });
    if (form.grant_type !== 'client_credentials') {
      return void refuse(response, { status: 400, error: 'unsupported_grant_type', description: 'Only grant_type=client_credentials is served here; users sign in with the authenticate mutation.' });
    }
    try {
      const grant = await identityServices(deps).clientCredentials.exchange({
        ...client,
        scope: form.scope,
        clientAddress: request.header(CLIENT_ADDRESS_HEADER) ?? request.socket.remoteAddress,
        correlationId: request.header(CORRELATION_HEADER) ?? randomUUID(),
      });
      response.json({
        access_token: grant.accessToken,
        token_type: 'Bearer',
        expires_in: grant.expiresIn,
        scope: grant.roles.join(' '),
      });
    } catch (error) {
      const refusal = oauthErrorOf(error);
      if (!refusal) return void next(error);
      refuse(response, refusal, client.usedBasic);
    }
  });
  return router;
}

type TokenForm = Readonly<Partial<Record<'grant_type' | 'client_id' | 'client_secret' | 'scope', string>>>;

/** The form's parameters, or what is wrong with it: each parameter at most once (§3.2). */
function formOf(request: Request): TokenForm | string {
  if (!request.is(FORM)) return `Post the parameters as a form (${FORM}).`;
  const body = (request.body ?? {}) as Record<string, unknown>;
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') return `The parameter ${name} was sent more than once.`;
  }
  return body as TokenForm;
}

function clientOf(request: Request, form: TokenForm): { clientId: string; clientSecret: string; usedBasic: boolean } | string {
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(request.header('authorization') ?? '');
  if (basic) {
    if (form.client_id !== undefined || form.client_secret !== undefined) return 'Authenticate the client one way only: HTTP Basic or client_id/client_secret in the form.';
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return 'HTTP Basic credentials are "client_id:client_secret".';
    try {
      // RFC 6749 §2.3.1: both are form-urlencoded before Basic encoding.
      return { clientId: formDecoded(decoded.slice(0, colon)), clientSecret: formDecoded(decoded.slice(colon + 1)), usedBasic: true };
    } catch {
      return 'HTTP Basic credentials are form-urlencoded client_id and client_secret.';
    }
  }
  if (request.header('authorization')) return 'The token endpoint takes HTTP Basic client authentication or none.';
  if (!form.client_id || !form.client_secret) return 'Send client_id and client_secret (in the form, or as HTTP Basic credentials).';
  return { clientId: form.client_id, clientSecret: form.client_secret, usedBasic: false };
}

function formDecoded(value: string): string {
  return decodeURIComponent(value.replace(/\+/g, ' '));
}

function oauthErrorOf(error: unknown): OAuthError | undefined {
  const code = error instanceof DomainError ? error.code : error instanceof GraphQLError ? (error.extensions.code as string) : undefined;
  const description = error instanceof Error ? error.message : '';
  switch (code) {
    case ErrorCode.InvalidClient:
    case ErrorCode.ServiceAccountRevoked:
      return { status: 401, error: 'invalid_client', description, code };
    case ErrorCode.BadUserInput:
      return { status: 400, error: 'invalid_scope', description, code };
    case ErrorCode.AccountLocked: {
      const retryAfterSeconds = (error as GraphQLError).extensions.retryAfterSeconds as number | undefined;
      return { status: 429, error: 'temporarily_unavailable', description, code, ...(retryAfterSeconds && { retryAfterSeconds }) };
    }
    default:
      return undefined;
  }
}

function refuse(response: Response, refusal: OAuthError, usedBasic = false): void {
  // §5.2: a client that tried HTTP Basic is told which scheme to use again.
  if (refusal.status === 401 && usedBasic) response.set('www-authenticate', 'Basic realm="goliath", charset="UTF-8"');
  if (refusal.retryAfterSeconds) response.set('retry-after', String(refusal.retryAfterSeconds));
  response.status(refusal.status).json({ error: refusal.error, error_description: refusal.description, ...(refusal.code && { code: refusal.code }) });
}
