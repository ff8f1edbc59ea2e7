import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { Request, Response } from 'express';
import type { FormattedExecutionResult } from 'graphql';
import type { GatewayContext } from '../gateway-context';

/** The same context /graphql builds from a request (token, correlation id, client address). */
export type RequestContext = (args: { req: Request; res: Response }) => Promise<GatewayContext>;

export interface GraphQLOperation {
  readonly query: string;
  readonly operationName: string;
  readonly variables: Record<string, unknown>;
}

export interface ExecutedOperation {
  readonly status: number;
  /** What the plugins set: correlation id, API version, Retry-After… */
  readonly headers: HeaderMap;
  readonly result: FormattedExecutionResult;
}

/**
 * Runs an operation through the gateway's own Apollo Server request pipeline, as a POST to /graphql
 * with the REST request's headers would be: the same context, and every plugin (API version, token
 * check, rate limits, access log), query limits and error formatting. In process rather than a
 * loopback HTTP request, so the caller's address (rate limits, logs) stays the caller's and no
 * second socket and JSON round trip is paid.
 */
export async function executeThroughApollo(apollo: ApolloServer<GatewayContext>, context: RequestContext, req: Request, res: Response, operation: GraphQLOperation): Promise<ExecutedOperation> {
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  headers.set('content-type', 'application/json');
  headers.set('accept', 'application/json');
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body: operation },
    context: () => context({ req, res }),
  });
  // A single operation without @defer or @stream: always one complete body.
  if (response.body.kind !== 'complete') throw new Error('The gateway answered a REST operation incrementally');
  return { status: response.status ?? 200, headers: response.headers, result: JSON.parse(response.body.string) as FormattedExecutionResult };
}
