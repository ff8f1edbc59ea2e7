import { request } from 'node:http';

export interface RawRequest {
  readonly method: string;
  /** Sent on the request line exactly as written: no URL parsing, so no normalisation of dots or escapes. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTP request with its request target byte for byte (fetch and URL would resolve `..` and `%2e` first). */
export function rawRequest(origin: string, raw: RawRequest): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = request({ host: hostname, port, method: raw.method, path: raw.path, headers: { connection: 'close', ...raw.headers } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks).toString('utf8') }));
      answer.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(raw.body);
  });
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const GRAPHQL = { 'content-type': 'application/json' };
const introspection = JSON.stringify({ query: '{ _service { sdl } }' });

/**
 * Requests under `/auth/saml` that are not one of the SAML browser flow's routes, each a way to
 * make a path-building proxy reach something else of the subgraph behind it (its `/graphql`,
 * `/health`, another host). Every one must be answered 404 by the gateway without any request
 * to a subgraph. `tenantId` is a real tenant, so that the attack is the only thing wrong.
 */
export function signInRouteAttacks(tenantId: string, upstreamOrigin: string): (RawRequest & { readonly name: string })[] {
  const base = `/auth/saml/${tenantId}`;
  const upstream = new URL(upstreamOrigin);
  const get = (name: string, path: string) => ({ name, method: 'GET', path });
  const postGraphQL = (name: string, path: string) => ({ name, method: 'POST', path, headers: GRAPHQL, body: introspection });
  return [
    // dot segments, encoded and not
    postGraphQL('encoded dot segments to /graphql', '/auth/saml/%2e%2e/%2e%2e/graphql'),
    postGraphQL('upper-case encoded dot segments', '/auth/saml/%2E%2E/%2E%2E/graphql'),
    get('encoded dot segments to /health', '/auth/saml/%2e%2e/%2e%2e/health'),
    postGraphQL('plain dot segments', '/auth/saml/../../graphql'),
    postGraphQL('dot segments after a tenant', `${base}/../../../graphql`),
    postGraphQL('single dots', `/auth/saml/./${tenantId}/./login`),
    postGraphQL('double-encoded dot segments', '/auth/saml/%252e%252e/%252e%252e/graphql'),
    postGraphQL('encoded slashes', '/auth/saml/..%2f..%2fgraphql/login'),
    postGraphQL('encoded slashes after a tenant', `${base}/..%2F..%2F..%2Fgraphql`),
    postGraphQL('double-encoded slashes', `/auth/saml/..%252f..%252fgraphql/login`),
    postGraphQL('overlong UTF-8 dots', '/auth/saml/%c0%ae%c0%ae/%c0%ae%c0%ae/graphql'),
    // backslashes, which some servers and URL parsers read as slashes
    postGraphQL('backslashes', `/auth/saml/${tenantId}\\..\\..\\graphql`),
    postGraphQL('encoded backslashes', `/auth/saml/..%5c..%5cgraphql/login`),
    postGraphQL('backslash as the tenant', '/auth/saml/\\/login'),
    // extra, missing and empty segments
    get('a route with an extra segment', `${base}/login/extra`),
    get('an extra segment before the route', `${base}/extra/login`),
    get('a trailing slash', `${base}/login/`),
    get('an empty tenant', '/auth/saml//login'),
    get('an empty segment', `/auth/saml/${tenantId}//login`),
    get('no route', base),
    get('the mount point itself', '/auth/saml'),
    postGraphQL("the subgraph's own /graphql under a tenant", `${base}/graphql`),
    get("the subgraph's own /health under a tenant", `${base}/health`),
    get('an unknown route', `${base}/logout`),
    get('a route in upper case', `${base}/LOGIN`),
    get('the mount in upper case', `/AUTH/SAML/${tenantId}/login`),
    // tenant ids that are not ids
    get('an encoded tenant id', `/auth/saml/${encodeURIComponent(tenantId).replace(/[0-9a-f]/, (c) => `%${c.charCodeAt(0).toString(16)}`)}/login`),
    get('a NUL in the tenant', `/auth/saml/${tenantId}%00/login`),
    get('a header injection in the tenant', `/auth/saml/${tenantId}%0d%0aX-Injected:%201/login`),
    get('a matrix parameter', `/auth/saml/${tenantId};x=1/login`),
    get('a tenant starting with a dot', '/auth/saml/.hidden/login'),
    get('an overlong tenant', `/auth/saml/${'t'.repeat(129)}/login`),
    get('an at sign (userinfo)', `/auth/saml/evil@${upstream.host}/login`),
    // query strings
    get('an unknown query parameter', `${base}/login?query={__typename}`),
    get('a repeated parameter', `${base}/login?provider=a&provider=b`),
    get('a parameter the route does not take', `${base}/metadata?relayState=/`),
    get('a provider with dot segments', `${base}/login?provider=../../graphql`),
    get('an encoded provider with dot segments', `${base}/login?provider=%2e%2e%2f%2e%2e%2fgraphql`),
    get('an absolute relay state', `${base}/login?relayState=https://evil.example/`),
    get('a protocol-relative relay state', `${base}/login?relayState=//evil.example/`),
    get('a backslash relay state', `${base}/login?relayState=/%5cevil.example`),
    get('a fragment sent on the request line', `${base}/login#/../../graphql`),
    // absolute URLs on the request line (absolute-form)
    get('an absolute URL naming the subgraph', `${upstream.origin}/auth/saml/${tenantId}/login`),
    postGraphQL("an absolute URL naming the subgraph's /graphql", `${upstream.origin}/auth/saml/../graphql`),
    get('an absolute URL naming another host', `http://evil.example/auth/saml/${tenantId}/login`),
    // methods the route does not take
    { name: 'POST to login', method: 'POST', path: `${base}/login`, headers: FORM, body: 'SAMLResponse=x' },
    get('GET of the ACS', `${base}/acs`),
    { name: 'PUT to metadata', method: 'PUT', path: `${base}/metadata`, headers: GRAPHQL, body: introspection },
    { name: 'DELETE of login', method: 'DELETE', path: `${base}/login` },
    { name: 'OPTIONS of the ACS', method: 'OPTIONS', path: `${base}/acs` },
  ];
}
