import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import type { QueryLimits } from '../platform/config';
import { ErrorCode } from '../platform/errors';

/** Extension key naming which limit refused an operation; the gateway's error formatter keys on it. */
export const QUERY_LIMIT_EXTENSION = 'queryLimit';

/**
 * graphql-armor's depth, alias and cost rules, reporting one stable code (QUERY_TOO_COMPLEX)
 * with the limit that was hit. The same rules guard HTTP and the WebSocket path. Token counting
 * happens in the parser (`parseOptions.maxTokens`), before any of these run.
 */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  const reportAs = (limit: string) => ({
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        context?.reportError(
          new GraphQLError(`${error.message.replace(/^Syntax Error: /, '')} Simplify the operation or split it.`, {
            extensions: { code: ErrorCode.QueryTooComplex, [QUERY_LIMIT_EXTENSION]: limit },
          }),
        );
      },
    ],
  });
  return [
    maxDepthRule({ n: limits.maxDepth, ...reportAs('depth') }),
    maxAliasesRule({ n: limits.maxAliases, ...reportAs('aliases') }),
    costLimitRule({ maxCost: limits.maxCost, ...reportAs('cost') }),
  ];
}

/** graphql-js's own token limit message, turned into the same stable code. */
export function isTokenLimitError(message: string): boolean {
  return /Document contains more th(?:an|at) \d+ tokens/.test(message);
}

export function tokenLimitError(limits: QueryLimits): GraphQLError {
  return new GraphQLError(`The operation has more than ${limits.maxTokens} tokens. Simplify the operation or split it.`, {
    extensions: { code: ErrorCode.QueryTooComplex, [QUERY_LIMIT_EXTENSION]: 'tokens' },
  });
}
