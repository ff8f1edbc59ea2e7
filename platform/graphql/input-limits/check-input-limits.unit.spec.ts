import { buildSchema, GraphQLBoolean, GraphQLError, GraphQLNonNull, GraphQLObjectType, GraphQLScalarType, GraphQLSchema, type GraphQLArgument } from 'graphql';
import type { InputLimits } from '../../config';
import { loadConfig } from '../../config';
import { checkInputLimits, OWN_SIZE_LIMIT } from './check-input-limits';

const schema = buildSchema(`
  scalar JSON
  scalar DateTime
  enum Sense { MINIMIZE MAXIMIZE }
  input Term { variable: String!, coefficient: Float! }
  input Qubo { variables: [String!]!, linear: [Term!]! = [], offset: Float! = 0, sense: Sense }
  input Entry { tenantId: ID!, name: String!, details: JSON, at: DateTime, qubo: Qubo, tags: [[String!]] }
  type Query { ok: Boolean }
  type Mutation { record(input: Entry!, note: String, count: Int): Boolean }
`);
const definitions: readonly GraphQLArgument[] = schema.getMutationType()!.getFields().record.args;

const limits: InputLimits = { maxStringLength: 20, maxListLength: 5, maxJsonDepth: 4, maxJsonBytes: 200, maxNumberMagnitude: 1e15 };

const entry = (overrides: Record<string, unknown> = {}) => ({ input: { tenantId: 'acme', name: 'an entry', ...overrides } });

function refusal(args: Record<string, unknown>, within: InputLimits = limits): GraphQLError {
  try {
    checkInputLimits(definitions, args, within);
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error('expected a refusal');
}

function nested(levels: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level++) value = { next: value };
  return value;
}

describe('checkInputLimits', () => {
  it('passes legitimate values: at the limits, enums, dates, absent and null fields, Ints and Floats', () => {
    expect(() =>
      checkInputLimits(
        definitions,
        {
          input: {
            tenantId: 'acme',
            name: 'x'.repeat(20),
            details: nested(4),
            at: new Date(),
            qubo: { variables: ['a', 'b', 'c', 'd', 'e'], linear: [{ variable: 'a', coefficient: -1e15 }], offset: 0.5, sense: 'MAXIMIZE' },
            tags: null,
          },
          note: undefined,
          count: 2_147_483_647,
        },
        limits,
      ),
    ).not.toThrow();
  });

  it.each([
    ['a String argument', { ...entry(), note: 'n'.repeat(21) }, 'note'],
    ['a field of an input object', entry({ name: 'n'.repeat(21) }), 'input.name'],
    ['an ID', entry({ tenantId: 't'.repeat(21) }), 'input.tenantId'],
    ['an item of a list', entry({ qubo: { variables: ['a', 'b', 'v'.repeat(21)], linear: [] } }), 'input.qubo.variables[2]'],
    ['an item of a list of lists', entry({ tags: [['ok'], ['ok', 'x'.repeat(21)]] }), 'input.tags[1][1]'],
    ['a field in a list of input objects', entry({ qubo: { variables: ['a'], linear: [{ variable: 'a', coefficient: 1 }, { variable: 'b'.repeat(21), coefficient: 1 }] } }), 'input.qubo.linear[1].variable'],
  ])('refuses a string over the length limit in %s, naming its path', (_case, args, field) => {
    const error = refusal(args);
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INPUT_TOO_LONG', field, limit: 20 });
    expect(error.message).toBe(`${field} has 21 characters; the limit is 20.`);
  });

  it('refuses a list over the length limit, typed or inside JSON', () => {
    const typed = refusal(entry({ qubo: { variables: ['a', 'b', 'c', 'd', 'e', 'f'], linear: [] } }));
    expect(typed.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INPUT_TOO_LARGE', field: 'input.qubo.variables', limit: 5 });
    expect(typed.message).toContain('6 items; the limit is 5');
    const json = refusal(entry({ details: { list: [1, 2, 3, 4, 5, 6] } }));
    expect(json.extensions).toMatchObject({ reason: 'INPUT_TOO_LARGE', field: 'input.details', limit: 5 });
  });

  it('refuses JSON nested deeper than the limit, 1,000 levels as cheaply as 5, naming the JSON argument', () => {
    for (const levels of [5, 1000, 100_000]) {
      const error = refusal(entry({ details: nested(levels) }));
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INPUT_TOO_DEEP', field: 'input.details', limit: 4 });
      expect(error.message).toBe('input.details is nested deeper than the limit of 4 levels.');
    }
    // arrays count as levels too
    expect(refusal(entry({ details: [[[[[1]]]]] })).extensions).toMatchObject({ reason: 'INPUT_TOO_DEEP' });
  });

  it('measures JSON as its UTF-8 serialization: exactly at the byte limit passes, one byte over is refused', () => {
    const samples: unknown[] = [
      { note: 'plain', n: 12.5, flag: true, nothing: null, list: [1, 'two', false] },
      { 'quoted "key"': 'line\nbreak', emoji: '🙂🙂', accents: 'éàü', negative: -0.001, big: 123456789 },
      ['a', { b: [] }, {}],
    ];
    for (const details of samples) {
      const bytes = Buffer.byteLength(JSON.stringify(details), 'utf8');
      const wide = { ...limits, maxStringLength: 100, maxListLength: 100 };
      expect(() => checkInputLimits(definitions, entry({ details }), { ...wide, maxJsonBytes: bytes })).not.toThrow();
      const error = refusal(entry({ details }), { ...wide, maxJsonBytes: bytes - 1 });
      expect(error.extensions).toMatchObject({ reason: 'INPUT_TOO_LARGE', field: 'input.details', limit: bytes - 1 });
      expect(error.message).toContain(`limit of ${bytes - 1} bytes`);
    }
  });

  it('refuses long strings and keys inside JSON, naming the JSON argument', () => {
    expect(refusal(entry({ details: { note: 'x'.repeat(21) } })).message).toBe('a string in input.details has 21 characters; the limit is 20.');
    expect(refusal(entry({ details: { ['k'.repeat(21)]: 1 } })).extensions).toMatchObject({ reason: 'INPUT_TOO_LONG', field: 'input.details' });
  });

  it.each([
    ['Infinity', Number.POSITIVE_INFINITY],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['NaN', Number.NaN],
    ['1.7e308', 1.7e308],
    ['just over the magnitude', -1.000001e15],
  ])('refuses a number out of range (%s), typed or inside JSON', (_case, value) => {
    const typed = refusal(entry({ qubo: { variables: ['a'], linear: [{ variable: 'a', coefficient: value }] } }));
    expect(typed.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INPUT_OUT_OF_RANGE', field: 'input.qubo.linear[0].coefficient', limit: 1e15 });
    expect(typed.message).toContain('finite and at most 1000000000000000 in absolute value');
    expect(refusal(entry({ qubo: { variables: ['a'], linear: [], offset: value } })).extensions).toMatchObject({ field: 'input.qubo.offset' });
    expect(refusal(entry({ details: { weights: [1, value] } })).extensions).toMatchObject({ reason: 'INPUT_OUT_OF_RANGE', field: 'input.details' });
  });

  it('given a scalar declaring its own size limit, when its string is longer than the limit, then it passes, and anything but a string is still checked', () => {
    const fileText = new GraphQLScalarType({ name: 'FileText', extensions: { [OWN_SIZE_LIMIT]: true } });
    const upload = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { upload: { type: GraphQLBoolean, args: { content: { type: new GraphQLNonNull(fileText) } } } } }) });
    const args = upload.getQueryType()!.getFields().upload.args;
    expect(() => checkInputLimits(args, { content: 'x'.repeat(limits.maxStringLength + 1) }, limits)).not.toThrow();
    expect(() => checkInputLimits(args, { content: nested(limits.maxJsonDepth + 1) }, limits)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ reason: 'INPUT_TOO_DEEP', field: 'content' }) }));
  });

  it('walks a QUBO of a hundred thousand terms within the default limits quickly', () => {
    const defaults = loadConfig({}).inputLimits;
    const variables = Array.from({ length: 100_000 }, (_, index) => `x${index}`);
    const linear = variables.map((variable, index) => ({ variable, coefficient: index % 7 === 0 ? -3.25 : 1 }));
    const started = performance.now();
    checkInputLimits(definitions, entry({ qubo: { variables, linear, offset: 0 } }), defaults);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('the default input limits', () => {
  it('never refuse a list the QUBO limits allow, and follow their settings', () => {
    expect(loadConfig({}).inputLimits).toEqual({ maxStringLength: 100_000, maxListLength: 5_000_000, maxJsonDepth: 32, maxJsonBytes: 65_536, maxNumberMagnitude: 1e15 });
    expect(loadConfig({ QUBO_MAX_QUADRATIC_TERMS: '9000000' }).inputLimits.maxListLength).toBe(9_000_000);
    expect(loadConfig({ INPUT_MAX_LIST_LENGTH: '1000', INPUT_MAX_JSON_DEPTH: '8' }).inputLimits).toMatchObject({ maxListLength: 1000, maxJsonDepth: 8 });
    expect(() => loadConfig({ INPUT_MAX_JSON_BYTES: '0' })).toThrow(/INPUT_MAX_JSON_BYTES/);
  });
});
