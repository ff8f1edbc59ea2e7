import type { BaseContext, GraphQLRequestContextWillSendResponse } from '@apollo/server';

/** What a GraphQL request over HTTP came to, as the access log and the request metrics both report it. */
export interface RequestOutcome {
  /** The operation's name; null when it has none or was never resolved (unparsable, invalid). */
  readonly operationName: string | null;
  /** query, mutation or subscription; null when the operation was never resolved. */
  readonly operationType: string | null;
  readonly status: number;
  /** The codes of the errors answered, each once; errors without one count as INTERNAL_SERVER_ERROR. */
  readonly errorCodes: readonly string[];
}

/** Read in `willSendResponse`, where Apollo Server knows the operation, the status and the errors. */
export function requestOutcome<TContext extends BaseContext>({ response, operationName, operation, errors }: GraphQLRequestContextWillSendResponse<TContext>): RequestOutcome {
  // Errors of the request itself (parsing, validation, refusals), or those the execution answered with.
  const answered = errors ?? (response.body.kind === 'single' ? response.body.singleResult.errors : undefined) ?? [];
  return {
    operationName: operationName ?? null,
    operationType: operation?.operation ?? null,
    status: response.http.status ?? 200,
    errorCodes: [...new Set(answered.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')))],
  };
}
