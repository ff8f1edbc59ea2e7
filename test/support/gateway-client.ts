import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T = Record<string, unknown>> {
  readonly data?: T | null;
  readonly errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** POSTs one operation to the gateway, as any HTTP client would. */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string,
  query: string,
  options: { token?: string; variables?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.token && { authorization: `Bearer ${options.token}` }), ...options.headers },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** The data of an answer that must have no errors (the test fails on any, showing them). */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  expect(response.errors).toBeUndefined();
  return response.data as T;
}

export function errorCodes(response: GraphQLResponse<unknown>): (string | undefined)[] {
  return (response.errors ?? []).map((error) => error.extensions?.code);
}

/** A graphql-ws client that authenticates through connectionParams, as the Playground does. */
export function subscriptionClient(url: string, token?: string): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** Subscribes and collects results until `count` arrive, an error arrives, or the timeout passes. */
export function collect<T>(client: Client, query: string, count: number, timeoutMs = 5000) {
  const results: GraphQLResponse<T>[] = [];
  return new Promise<GraphQLResponse<T>[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`Timed out with ${results.length}/${count} results: ${JSON.stringify(results)}`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve(results);
    };
    const unsubscribe = client.subscribe<T>(
      { query },
      {
        next: (result) => {
          results.push(result as GraphQLResponse<T>);
          if (results.length >= count || result.errors) finish();
        },
        error: (error) => {
          results.push({ errors: asErrors(error) });
          finish();
        },
        complete: finish,
      },
    );
  });
}

/** graphql-ws reports GraphQL errors as an array, a closed socket as its CloseEvent. */
function asErrors(error: unknown): NonNullable<GraphQLResponse['errors']> {
  if (Array.isArray(error)) return error;
  const closed = error as { code?: number; reason?: string };
  if (typeof closed.code === 'number') {
    return [{ message: `socket closed: ${closed.code} ${closed.reason ?? ''}`, extensions: { code: 'SOCKET_CLOSED', closeCode: closed.code } }];
  }
  return [{ message: error instanceof Error ? error.message : String(error) }];
}
