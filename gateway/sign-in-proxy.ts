import type { Request, Response } from 'express';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { withGatewaySignature, type GatewayRequestKey } from '../platform/auth/gateway-request-signature';
import { CLIENT_ADDRESS_HEADER, SIGNED_REQUEST_HEADERS } from '../platform/graphql/subgraph-server';

/**
 * The SAML browser flow's routes at the enterprise subgraph (subgraphs/enterprise/identity/sign-in/
 * saml-browser-flow.ts), with the method and the query parameters each takes. With the token
 * endpoint below, nothing else is proxied: the gateway is the only way in, so these are all of
 * the subgraph a client reaches without a platform token.
 */
const SAML_ROUTES: Readonly<Record<string, { readonly method: 'GET' | 'POST'; readonly query: readonly string[] }>> = {
  login: { method: 'GET', query: ['provider', 'relayState'] },
  acs: { method: 'POST', query: ['provider'] },
  metadata: { method: 'GET', query: ['provider'] },
};
/** Matched against the raw request path, before any decoding: `%2e%2e`, `%2f`, `\` and the like never match. */
const SAML_ROUTE = /^\/auth\/saml\/([^/?#]+)\/([a-z]+)$/;
/** Tenant and provider ids (UUIDs, or ids an operator chose): letters, digits, `-` and `_`. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const MAX_RELAY_STATE_LENGTH = 2048;
/** As the ACS itself accepts; an IdP's response is a few kilobytes. */
const MAX_ACS_BODY_BYTES = 1024 * 1024;
const FORM = 'application/x-www-form-urlencoded';

/** Request headers the sign-in routes need at the enterprise subgraph; nothing else is passed on. */
const FORWARDED_REQUEST_HEADERS = ['content-type', 'accept', 'user-agent'];
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'location', 'cache-control', 'pragma', 'www-authenticate', 'retry-after', 'content-security-policy'];
/** The OAuth 2.0 token endpoint (subgraphs/enterprise/service-accounts/oauth-token-endpoint.ts): a small form, no query. */
const OAUTH_TOKEN_PATH = '/oauth/token';
const MAX_TOKEN_FORM_BYTES = 16 * 1024;

/** A request the proxy passes on, rebuilt from validated parts only. */
interface ProxiedRequest {
  readonly method: 'GET' | 'POST';
  readonly upstreamPath: string;
  readonly query: URLSearchParams;
  readonly maxBodyBytes: number;
  /** The token endpoint takes HTTP Basic client credentials; the SAML routes take no credentials in a header. */
  readonly forwardsAuthorization: boolean;
}

/**
 * The enterprise subgraph's plain HTTP routes, served through the gateway because clients only
 * know the gateway: the browser side of SAML (`/auth/saml/:tenant/login|acs|metadata`) and the
 * OAuth 2.0 token endpoint for service accounts (`/oauth/token`). The gateway adds the client's
 * address for sign-in throttling and its signature (the subgraph serves nothing unsigned). A
 * request is passed on only when it is exactly one of these routes, with a safe tenant id and
 * only that route's query parameters; the upstream URL is built from those validated parts, each
 * encoded again, never from the request's own path. Anything else is 404 and reaches no subgraph.
 */
export function signInProxy(enterpriseGraphqlUrl: string, requestKey: GatewayRequestKey) {
  const origin = new URL(enterpriseGraphqlUrl).origin;
  return async (req: Request, res: Response) => {
    const proxied = samlRequestOf(req) ?? tokenRequestOf(req);
    if (!proxied) return void res.status(404).type('text/plain').send('Not found.');
    const { method } = proxied;
    const body = method === 'POST' ? await formBody(req, res, proxied.maxBodyBytes) : undefined;
    if (method === 'POST' && !body) return;

    const target = new URL(proxied.upstreamPath, origin);
    target.search = proxied.query.toString();
    const forwarded: Record<string, string> = {};
    for (const name of proxied.forwardsAuthorization ? [...FORWARDED_REQUEST_HEADERS, 'authorization'] : FORWARDED_REQUEST_HEADERS) {
      const value = req.header(name);
      if (value) forwarded[name] = value;
    }
    if (req.socket.remoteAddress) forwarded[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress;
    if (body) forwarded['content-length'] = String(body.length);
    const headers = withGatewaySignature(requestKey, { method, url: target.href, headers: forwarded, body }, SIGNED_REQUEST_HEADERS);

    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, { method, headers }, (answer) => {
      res.status(answer.statusCode ?? 502);
      for (const name of FORWARDED_RESPONSE_HEADERS) {
        const value = answer.headers[name];
        if (value !== undefined) res.setHeader(name, value);
      }
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.status(502).type('text/plain').send('The sign-in service is not reachable; try again shortly.');
    });
    upstream.end(body);
  };
}

/** The SAML route a request names, when it names one exactly and with acceptable parameters; else undefined. */
function samlRequestOf(req: Request): ProxiedRequest | undefined {
  const { path, query } = splitUrl(req.originalUrl);
  const match = SAML_ROUTE.exec(path);
  if (!match) return undefined;
  const [, tenantId, action] = match;
  const route = Object.hasOwn(SAML_ROUTES, action) ? SAML_ROUTES[action] : undefined;
  if (!route || req.method !== route.method || !SAFE_ID.test(tenantId)) return undefined;
  const names = [...query.keys()];
  if (names.some((name) => !route.query.includes(name)) || new Set(names).size !== names.length) return undefined;
  const provider = query.get('provider');
  if (provider !== null && !SAFE_ID.test(provider)) return undefined;
  const relayState = query.get('relayState');
  if (relayState !== null && !isLocalPath(relayState)) return undefined;
  return { method: route.method, upstreamPath: `/auth/saml/${encodeURIComponent(tenantId)}/${action}`, query, maxBodyBytes: MAX_ACS_BODY_BYTES, forwardsAuthorization: false };
}

/** `POST /oauth/token` exactly, without a query (the credentials belong in the form or the Basic header, never in a URL). */
function tokenRequestOf(req: Request): ProxiedRequest | undefined {
  const raw = req.originalUrl;
  if (raw !== OAUTH_TOKEN_PATH || req.method !== 'POST') return undefined;
  return { method: 'POST', upstreamPath: OAUTH_TOKEN_PATH, query: new URLSearchParams(), maxBodyBytes: MAX_TOKEN_FORM_BYTES, forwardsAuthorization: true };
}

/** Matched against the raw request path, before any decoding. */
function splitUrl(raw: string): { path: string; query: URLSearchParams } {
  const queryStart = raw.indexOf('?');
  return { path: queryStart < 0 ? raw : raw.slice(0, queryStart), query: new URLSearchParams(queryStart < 0 ? '' : raw.slice(queryStart + 1)) };
}

/** Only a path on this site, as the ACS itself requires (no open redirect). */
function isLocalPath(value: string): boolean {
  return value.length <= MAX_RELAY_STATE_LENGTH && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\');
}

/** The posted form, read whole so that it can be signed; answers the refusal itself and undefined when it is not one. */
async function formBody(req: IncomingMessage, res: Response, maxBytes: number): Promise<Buffer | undefined> {
  if (req.headers['content-type']?.split(';')[0].trim().toLowerCase() !== FORM) {
    res.status(415).type('text/plain').send(`Post a form (${FORM}).`);
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) {
      res.status(413).set('connection', 'close').type('text/plain').send('The posted form is larger than this route accepts.');
      return undefined;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
