import { openGatewayRequestKey, withGatewaySignature } from '../../platform/auth/gateway-request-signature';
import { SIGNED_REQUEST_HEADERS } from '../../platform/graphql/subgraph-server';
import type { GraphQLResponse } from './gateway-client';

export interface GatewaySignedPost {
  readonly token?: string;
  readonly variables?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

/**
 * POSTs one operation straight to a subgraph, signed with the platform's gateway-request key as
 * the gateway signs what it forwards: for tests of what a subgraph checks on its own (the token,
 * tenant scope, query limits) behind a gateway. Without the key in `keysDir`, nobody can do this.
 */
export async function postAsGateway<T = Record<string, unknown>>(keysDir: string, url: string, query: string, options: GatewaySignedPost = {}): Promise<GraphQLResponse<T>> {
  const body = JSON.stringify({ query, variables: options.variables });
  const headers = { 'content-type': 'application/json', ...(options.token && { authorization: `Bearer ${options.token}` }), ...options.headers };
  const response = await fetch(url, { method: 'POST', headers: withGatewaySignature(openGatewayRequestKey(keysDir), { method: 'POST', url, headers, body }, SIGNED_REQUEST_HEADERS), body });
  return (await response.json()) as GraphQLResponse<T>;
}
