import { canonicalJson, CanonicalJsonError } from './canonical-json';

describe('canonicalJson', () => {
  it('encodes the same content the same way whatever the key order', () => {
    // Given the same object built with its keys in two different orders
    const one = { b: 1, a: { d: [1, 2], c: 'x' } };
    const other = { a: { c: 'x', d: [1, 2] }, b: 1 };
    // When both are encoded / Then the encodings are identical, sorted and without whitespace
    expect(canonicalJson(one)).toBe(canonicalJson(other));
    expect(canonicalJson(one)).toBe('{"a":{"c":"x","d":[1,2]},"b":1}');
  });

  it('sorts keys inside objects nested in arrays but keeps array order', () => {
    // Given an array of objects whose keys are out of order
    const value = { list: [{ z: 1, y: 2 }, 3, [{ b: null, a: true }]] };
    // When it is encoded / Then each object is sorted and the arrays keep their order
    expect(canonicalJson(value)).toBe('{"list":[{"y":2,"z":1},3,[{"a":true,"b":null}]]}');
  });

  it('writes numbers and strings as JSON does, and survives a JSON round trip unchanged', () => {
    // Given numbers in various forms and strings needing escapes
    const value = { big: 1e21, negativeZero: -0, fraction: 0.1, text: 'line\n"quoted" ünï \u2028' };
    // When encoded before and after a JSON round trip (as the event store does)
    const before = canonicalJson(value);
    const after = canonicalJson(JSON.parse(JSON.stringify(value)));
    // Then the two encodings are identical and numbers are JSON numbers
    expect(after).toBe(before);
    expect(before).toContain('"big":1e+21');
    expect(before).toContain('"negativeZero":0');
  });

  it.each([
    ['undefined', { details: { missing: undefined } }, '$.details.missing'],
    ['NaN', { count: Number.NaN }, '$.count'],
    ['Infinity', { count: Number.POSITIVE_INFINITY }, '$.count'],
    ['a function', { run: () => 1 }, '$.run'],
    ['a bigint', { size: BigInt(1) }, '$.size'],
    ['a symbol', { tag: Symbol('x') }, '$.tag'],
    ['a Date', { when: new Date(0) }, '$.when'],
    ['undefined in an array', { list: [1, undefined] }, '$.list[1]'],
  ])('refuses %s with an error naming where it is', (_name, value, path) => {
    // Given a value JSON cannot carry faithfully / When it is encoded / Then it is refused
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(value)).toThrow(path);
  });

  it('refuses circular references instead of overflowing the stack', () => {
    // Given an object that contains itself
    const value: Record<string, unknown> = { a: 1 };
    value.self = value;
    // When it is encoded / Then a clear error is raised
    expect(() => canonicalJson(value)).toThrow('circular reference');
  });

  it('accepts the same object twice side by side (shared, not circular)', () => {
    // Given an object referenced twice without a cycle
    const shared = { x: 1 };
    // When encoded / Then both occurrences are written
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });
});
