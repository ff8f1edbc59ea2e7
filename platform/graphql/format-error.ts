import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { DomainError } from '../commands/decider';
import { WrongExpectedRevisionError } from '../eventstore/port';
import { ErrorCode } from '../errors';
import { InvalidReadQueryError } from '../readstore/invalid-read-query-error';

/**
 * Gives domain refusals their stable code and hides internals of unexpected errors: a client
 * sees INTERNAL_SERVER_ERROR and a correlation id, the log has the stack. A full disk is no
 * internal error: it has a code of its own and a remedy (STORAGE_FULL).
 */
export function formatSubgraphError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  if (original instanceof DomainError) {
    return { ...formatted, message: original.message, extensions: { ...formatted.extensions, ...original.details, code: original.code } };
  }
  if (original instanceof InvalidReadQueryError) {
    return { ...formatted, message: `${original.message}; pass a cursor from the same query's pageInfo.endCursor.`, extensions: { ...formatted.extensions, code: ErrorCode.BadUserInput } };
  }
  if (isStorageFull(original)) {
    return {
      ...formatted,
      message: 'The platform is out of storage space, so nothing was saved; retry once your administrator has freed or added disk space.',
      extensions: { ...formatted.extensions, code: ErrorCode.StorageFull },
    };
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

/** SQLite's SQLITE_FULL (and its extended codes) or the file system's ENOSPC, anywhere in the error's causes. */
export function isStorageFull(error: unknown): boolean {
  for (let cause = error, depth = 0; typeof cause === 'object' && cause !== null && depth < 8; cause = (cause as { cause?: unknown }).cause, depth++) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'ENOSPC' || (typeof code === 'string' && code.startsWith('SQLITE_FULL'))) return true;
  }
  return false;
}
