import type { GraphQLFormattedError } from 'graphql';
import type { QueryLimits } from '../platform/config';
import { ErrorCode } from '../platform/errors';
import { QUERY_LIMIT_EXTENSION, isTokenLimitError, tokenLimitError } from './query-limits';

/**
 * Apollo Server files every validation error under GRAPHQL_VALIDATION_FAILED and every parse
 * error under GRAPHQL_PARSE_FAILED; a refused-for-size operation gets its own stable code so
 * clients can tell "too big" from "wrong".
 */
export function formatGatewayError(limits: QueryLimits) {
  return (formatted: GraphQLFormattedError): GraphQLFormattedError => {
    if (formatted.extensions?.[QUERY_LIMIT_EXTENSION]) {
      return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.QueryTooComplex } };
    }
    if (isTokenLimitError(formatted.message)) {
      const error = tokenLimitError(limits);
      return { message: error.message, extensions: error.extensions };
    }
    return formatted;
  };
}
