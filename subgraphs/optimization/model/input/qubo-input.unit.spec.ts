import { parseQuboInput, type QuboInput } from './qubo-input';
import { parseQuboJson } from './qubo-json';

const input: QuboInput = {
  variables: ['a', 'b', 'c'],
  linear: [
    { variable: 'a', coefficient: 1 },
    { variable: 'a', coefficient: 2 },
  ],
  quadratic: [
    { u: 'b', v: 'a', coefficient: -1 },
    { u: 'a', v: 'b', coefficient: -2 },
    { u: 'c', v: 'c', coefficient: 4 },
  ],
  offset: 10,
};

describe('GraphQL-shaped QUBO input', () => {
  it('given terms with duplicates and a diagonal pair, when parsed, then they are summed and folded', () => {
    const model = parseQuboInput(input);
    expect(model.variableNames).toEqual(['a', 'b', 'c']);
    expect(model.linear(0)).toBe(3);
    expect(model.linear(2)).toBe(4);
    expect(model.quadratic(0, 1)).toBe(-3);
    expect(model.offset).toBe(10);
    expect(model.energy([1, 1, 1])).toBe(10 + 3 + 4 - 3);
  });

  it('given sense maximize, when parsed, then the model minimises the negation and reports back in maximisation terms', () => {
    const model = parseQuboInput({ ...input, sense: 'MAXIMIZE' });
    expect(model.energy([1, 1, 1])).toBe(-14);
    expect(model.toSourceObjective(model.energy([1, 1, 1]))).toBe(14);
  });

  it.each<[string, QuboInput, string, RegExp]>([
    ['a NaN coefficient', { variables: ['a'], linear: [{ variable: 'a', coefficient: NaN }] }, 'linear[0].coefficient', /finite number, got NaN/],
    ['an infinite coefficient', { variables: ['a', 'b'], quadratic: [{ u: 'a', v: 'b', coefficient: Infinity }] }, 'quadratic[0].coefficient', /Infinity/],
    ['an infinite offset', { variables: ['a'], offset: -Infinity }, 'offset', /offset must be a finite number/],
    ['an unknown variable in a linear term', { variables: ['a'], linear: [{ variable: 'z', coefficient: 1 }] }, 'linear[0].variable', /unknown variable "z"/],
    ['an unknown variable in a quadratic term', { variables: ['a'], quadratic: [{ u: 'a', v: 'q', coefficient: 1 }] }, 'quadratic[0].v', /unknown variable "q"/],
    ['a duplicate variable', { variables: ['a', 'b', 'a'] }, 'variables[2]', /"a" is declared twice/],
    ['an empty variable name', { variables: [''] }, 'variables[0]', /non-empty string/],
    ['a reserved variable name', { variables: ['__slack_c_0'] }, 'variables[0]', /reserved for slack/],
    ['no variables', { variables: [] }, 'variables', /at least one variable/],
  ])('given %s, when parsed, then INVALID_QUBO names the field', (_case, bad, field, message) => {
    expect(() => parseQuboInput(bad)).toThrow(expect.objectContaining({ code: 'INVALID_QUBO', field, message: expect.stringMatching(message) }));
  });

  it('given more variables or quadratic terms than the limits, when parsed, then PROBLEM_TOO_LARGE', () => {
    const limits = { maxVariables: 2, maxQuadraticTerms: 1 };
    expect(() => parseQuboInput({ variables: ['a', 'b', 'c'] }, { limits })).toThrow(
      expect.objectContaining({ code: 'PROBLEM_TOO_LARGE', message: expect.stringMatching(/3 variables; the limit is 2/) }),
    );
    const twoPairs = { variables: ['a', 'b'], quadratic: [{ u: 'a', v: 'b', coefficient: 1 }, { u: 'b', v: 'a', coefficient: 1 }] };
    expect(() => parseQuboInput(twoPairs, { limits })).toThrow(expect.objectContaining({ code: 'PROBLEM_TOO_LARGE' }));
  });
});

describe('JSON QUBO files', () => {
  it('given the GraphQL shape as JSON text or bytes, when parsed, then it is the same model', () => {
    const text = JSON.stringify(input);
    expect(parseQuboJson(text).energy([1, 0, 1])).toBe(parseQuboInput(input).energy([1, 0, 1]));
    expect(parseQuboJson(Buffer.from(text)).variableNames).toEqual(['a', 'b', 'c']);
  });

  it('given the sense as the API writes it or in lower case (as files were written before), when parsed, then both read the same', () => {
    for (const sense of ['MAXIMIZE', 'maximize', 'Maximize']) {
      expect(parseQuboJson(JSON.stringify({ ...input, sense })).sourceSense).toBe('MAXIMIZE');
    }
    expect(() => parseQuboJson(JSON.stringify({ ...input, sense: 'max' }))).toThrow(/sense must be MINIMIZE or MAXIMIZE, got "max"/);
  });

  it('given a syntax error, when parsed, then MALFORMED_FILE names the line', () => {
    expect(() => parseQuboJson('{\n  "variables": ["a"],\n  "offset": 1,,\n}')).toThrow(
      expect.objectContaining({ code: 'MALFORMED_FILE', message: expect.stringMatching(/^json line 3:/) }),
    );
  });

  it('given a number too large for a double, when parsed, then it is refused as not finite', () => {
    expect(() => parseQuboJson('{"variables": ["a"], "linear": [{"variable": "a", "coefficient": 1e400}]}')).toThrow(
      expect.objectContaining({ code: 'INVALID_QUBO', field: 'linear[0].coefficient' }),
    );
  });

  it('given a coefficient written as a string, when parsed, then it is refused', () => {
    expect(() => parseQuboJson('{"variables": ["a"], "linear": [{"variable": "a", "coefficient": "3"}]}')).toThrow(/finite number, got "3"/);
  });
});
