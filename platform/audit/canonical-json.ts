/**
 * The canonical encoding that audit hashes are computed over. The hash must come out the same
 * for the same content whoever computes it (the appender now, the verifier or an exporter
 * years later), so the encoding leaves no choice open:
 *
 * - objects: keys sorted by UTF-16 code units (`Array.prototype.sort`), recursively, no
 *   whitespace; only plain objects (prototype `Object.prototype` or `null`) are accepted, so a
 *   Date, Map or class instance cannot be silently turned into something else;
 * - arrays: elements in order, no whitespace;
 * - strings, booleans and null: as `JSON.stringify` writes them;
 * - numbers: as `JSON.stringify` writes them (the shortest form that round-trips, as RFC 8785
 *   does); NaN and ±Infinity are refused because JSON cannot carry them;
 * - undefined, functions, symbols and bigints are refused, as are circular references: JSON
 *   would drop or mangle them, and the stored event would then no longer match its hash.
 *
 * Anything that passes survives a JSON.stringify/JSON.parse round trip through the event store
 * and encodes to the same string afterwards.
 */
export function canonicalJson(value: unknown): string {
  return encode(value, '$', new Set<object>());
}

/** A value the canonical encoding cannot represent; `path` points at it (`$.details.count`). */
export class CanonicalJsonError extends Error {
  readonly code = 'NOT_CANONICAL_JSON';
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`Cannot encode ${path} as canonical JSON: ${problem}`);
    this.name = 'CanonicalJsonError';
  }
}

function encode(value: unknown, path: string, ancestors: Set<object>): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${String(value)} is not a JSON number`);
      return JSON.stringify(value);
    case 'object':
      return encodeContainer(value, path, ancestors);
    default:
      throw new CanonicalJsonError(path, `${typeof value} is not a JSON value`);
  }
}

function encodeContainer(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new CanonicalJsonError(path, 'circular reference');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((element, index) => encode(element, `${path}[${index}]`, ancestors)).join(',')}]`;
    }
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) {
      throw new CanonicalJsonError(path, `only plain objects are allowed, got ${value.constructor?.name ?? 'an object'}`);
    }
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${encode(record[key], `${path}.${key}`, ancestors)}`);
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
