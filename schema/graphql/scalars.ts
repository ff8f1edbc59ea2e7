import { GraphQLDateTime, GraphQLJSON } from 'graphql-scalars';

/** Shared scalars: every subgraph uses these same definitions so composition sees one type. */
export const DateTimeScalar = GraphQLDateTime;
export const JSONScalar = GraphQLJSON;
