import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { DomainError } from '../commands/decider';
import { WrongExpectedRevisionError } from '../eventstore/port';
import { ErrorCode } from '../errors';
import { InvalidReadQueryError } from '../readstore/invalid-read-query-error';

/**
 * Gives domain refusals their stable code and hides internals of unexpected errors: a client
 * sees INTERNAL_SERVER_ERROR and a correlation id, the log has the stack.
 */
export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return { ...formatted, message: original.message, extensions: { ...formatted.extensions, ...original.details, code: original.code } };
  }
  if (original instanceof InvalidReadQueryError) {
    return { ...formatted, message: `${original.message}; pass a cursor from the same query's pageInfo.endCursor.`, extensions: { ...formatted.extensions, code: ErrorCode.BadUserInput } };
  }
  if (original instanceof WrongExpectedRevisionError) {
    return {
      ...formatted,
      message: 'Another change to the same item was saved at the same moment; retry.',
      extensions: { ...formatted.extensions, code: ErrorCode.Conflict },
    };
  }
  return formatted;
}
