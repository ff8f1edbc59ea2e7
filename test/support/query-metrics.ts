import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { buildSchema, Lexer, parse, Source, TokenKind, validate } from 'graphql';

export interface QueryMetrics {
  readonly depth: number;
  readonly aliases: number;
  readonly cost: number;
  readonly tokens: number;
}

/** The rules only walk the document; any schema does for `validate`. */
const ANY_SCHEMA = buildSchema('type Query { unused: Int }');

/** What the gateway's query limits measure of an operation (graphql-armor's rules as the gateway configures them, and graphql-js's tokens). */
export function queryMetrics(source: string): QueryMetrics {
  const measured: { depth?: number; aliases?: number; cost?: number } = {};
  const record = (name: keyof typeof measured) => ({ onAccept: [(_context: unknown, { n }: { n: number }) => (measured[name] = n)] });
  validate(ANY_SCHEMA, parse(source), [
    maxDepthRule({ n: Number.MAX_SAFE_INTEGER, ...record('depth') }),
    maxAliasesRule({ n: Number.MAX_SAFE_INTEGER, ...record('aliases') }),
    costLimitRule({ maxCost: Number.MAX_SAFE_INTEGER, ...record('cost') }),
  ]);
  const lexer = new Lexer(new Source(source));
  let tokens = 0;
  while (lexer.advance().kind !== TokenKind.EOF) tokens++;
  return { depth: measured.depth!, aliases: measured.aliases!, cost: measured.cost!, tokens };
}
