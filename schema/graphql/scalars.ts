import { GraphQLError, GraphQLScalarType, type ValueNode } from 'graphql';
import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';

/**
 * graphql-scalars' DateTime, except that a value it cannot read parses to the GraphQLError saying
 * why instead of throwing it. Thrown while parsing, it would be a validation or variable error the
 * subgraph answers with HTTP 400 and without the argument's name; in its place, the input-limits
 * middleware (platform/graphql/input-limits) refuses it as BAD_USER_INPUT naming the argument.
 */
export const DateTimeScalar = new GraphQLScalarType({
  ...GraphQLDateTime.toConfig(),
  parseValue: (value: unknown) => parsedOrRefusal(() => GraphQLDateTime.parseValue(value)),
  parseLiteral: (literal: ValueNode, variables?: Record<string, unknown> | null) => parsedOrRefusal(() => GraphQLDateTime.parseLiteral(literal, variables)),
});

export const JSONScalar = GraphQLJSON;

function parsedOrRefusal(parse: () => unknown): unknown {
  try {
    return parse();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return new GraphQLError(`is not a date-time (${reason.replace(/\.$/, '')}): write one in ISO 8601 with a time zone, e.g. 2026-01-31T12:00:00Z.`);
  }
}
