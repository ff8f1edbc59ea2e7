import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type GraphQLFormattedError, type ValidationContext, type ValidationRule } from 'graphql';
import type { QueryLimits } from '../config';
import { ErrorCode } from '../errors';

/** Extension key naming which limit refused an operation; `formatQueryLimitError` keys on it. */
export const QUERY_LIMIT_EXTENSION = 'queryLimit';

/**
 * graphql-armor's depth, alias and cost rules, reporting one stable code (QUERY_TOO_COMPLEX)
 * with the limit that was hit. The same rules guard the gateway's HTTP and WebSocket paths and,
 * through `subgraphQueryLimits`, every subgraph. Token counting happens in the parser
 * (`parseOptions.maxTokens`), before any of these run.
 */
export function queryLimitRules(limits: QueryLimits, { flattenFragments = false } = {}): ValidationRule[] {
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
    maxDepthRule({ n: limits.maxDepth, flattenFragments, ...reportAs('depth') }),
    maxAliasesRule({ n: limits.maxAliases, ...reportAs('aliases') }),
    costLimitRule({ maxCost: limits.maxCost, flattenFragments, ...reportAs('cost') }),
  ];
}

/**
 * What the gateway's query planner adds around an entity fetch and the client never wrote: the
 * operation with its `$representations` variable, the `_entities` field and an inline fragment
 * per entity type (27 tokens and a cost of about 4 for one type, 5 tokens and 2 more per type).
 */
const ENTITY_FETCH_ENVELOPE = { tokens: 64, cost: 16 };

/**
 * The gateway's limits as a subgraph applies them to each request of the gateway: the same
 * settings and rules, measured so that the requests the query planner makes for an operation the
 * gateway accepted are accepted too. Fragments are not levels (the planner wraps every entity
 * fetch in one; `_entities` takes the place of at least one level of the client's operation,
 * so depth never grows), and the planner's envelope is allowed on top of the cost and tokens.
 */
export function subgraphQueryLimits(limits: QueryLimits): { readonly limits: QueryLimits; readonly validationRules: ValidationRule[] } {
  const measured = { ...limits, maxCost: limits.maxCost + ENTITY_FETCH_ENVELOPE.cost, maxTokens: limits.maxTokens + ENTITY_FETCH_ENVELOPE.tokens };
  return { limits: measured, validationRules: queryLimitRules(measured, { flattenFragments: true }) };
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

/**
 * Apollo Server files every validation error under GRAPHQL_VALIDATION_FAILED and every parse
 * error under GRAPHQL_PARSE_FAILED; a refused-for-size operation gets its own stable code so
 * clients can tell "too big" from "wrong".
 */
export function formatQueryLimitError(limits: QueryLimits) {
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
