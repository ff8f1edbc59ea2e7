import { buildSchema, graphql, type GraphQLFieldResolver } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import type { InputLimits } from '../../config';
import { inputLimitsMiddleware } from './input-limits-middleware';

const limits: InputLimits = { maxStringLength: 10, maxListLength: 3, maxJsonDepth: 3, maxJsonBytes: 100, maxNumberMagnitude: 1000 };

function schemaWith(resolvers: { record: GraphQLFieldResolver<unknown, unknown>; page: GraphQLFieldResolver<unknown, unknown> }) {
  const schema = buildSchema(`
    scalar JSON
    input RecordInput { action: String!, details: JSON }
    type Page { items(after: String): [String!]! }
    type Query { page: Page! }
    type Mutation { record(input: RecordInput!): String }
  `);
  schema.getMutationType()!.getFields().record.resolve = resolvers.record;
  schema.getQueryType()!.getFields().page.resolve = resolvers.page;
  (schema.getType('Page') as import('graphql').GraphQLObjectType).getFields().items.resolve = () => ['one'];
  return applyMiddleware(schema, inputLimitsMiddleware(() => limits));
}

describe('inputLimitsMiddleware', () => {
  const record = jest.fn(() => 'recorded');
  const schema = schemaWith({ record, page: () => ({}) });
  const run = (source: string, variableValues: Record<string, unknown> = {}) => graphql({ schema, source, variableValues });
  const mutation = 'mutation ($input: RecordInput!) { record(input: $input) }';

  beforeEach(() => record.mockClear());

  it('lets arguments within the limits through to the resolver', async () => {
    expect(await run(mutation, { input: { action: 'noted', details: { a: { b: [1, 2] } } } })).toEqual({ data: { record: 'recorded' } });
    expect(record).toHaveBeenCalledTimes(1);
  });

  it('refuses before the resolver runs, with BAD_USER_INPUT naming the argument and the limit', async () => {
    const deep = { a: { b: { c: { d: 1 } } } };
    const result = await run(mutation, { input: { action: 'noted', details: deep } });
    expect(record).not.toHaveBeenCalled();
    expect(result.errors?.[0].message).toBe('input.details is nested deeper than the limit of 3 levels.');
    expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.details', reason: 'INPUT_TOO_DEEP', limit: 3 });
  });

  it('checks literals as well as variables', async () => {
    const result = await run('mutation { record(input: { action: "far too long an action" }) }');
    expect(record).not.toHaveBeenCalled();
    expect(result.errors?.[0].extensions).toMatchObject({ field: 'input.action', reason: 'INPUT_TOO_LONG', limit: 10 });
  });

  it('checks the arguments of nested fields too', async () => {
    const result = await run('query ($after: String) { page { items(after: $after) } }', { after: 'c'.repeat(11) });
    expect(result.errors?.[0].extensions).toMatchObject({ field: 'after', reason: 'INPUT_TOO_LONG' });
    expect(await run('{ page { items(after: "c1") } }')).toEqual({ data: { page: { items: ['one'] } } });
  });
});
