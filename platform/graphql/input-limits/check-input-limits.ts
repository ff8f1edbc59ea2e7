import { GraphQLError, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType, type GraphQLArgument, type GraphQLInputType } from 'graphql';
import type { InputLimits } from '../../config';
import { ErrorCode, platformError } from '../../errors';

/** `extensions.reason` of a refusal, one per kind of limit; published, so never renamed. */
export const InputLimitReason = {
  TooLong: 'INPUT_TOO_LONG',
  TooLarge: 'INPUT_TOO_LARGE',
  TooDeep: 'INPUT_TOO_DEEP',
  OutOfRange: 'INPUT_OUT_OF_RANGE',
} as const;
export type InputLimitReason = (typeof InputLimitReason)[keyof typeof InputLimitReason];

/**
 * The `extensions` key of a scalar whose strings the operation bounds by a setting of its own
 * (an uploaded file's text: UPLOAD_MAX_BYTES), so INPUT_MAX_STRING_LENGTH does not apply to them.
 */
export const OWN_SIZE_LIMIT = 'ownSizeLimit';

/**
 * Checks the arguments of one field against the limits, walking each value along its declared
 * type: strings, lists and numbers wherever they sit in input objects and lists, and any value of a
 * custom scalar that is an object or array (JSON, federation's `_Any`) as JSON. Throws
 * BAD_USER_INPUT at the first value over a limit, naming its path (`input.qubo.linear[3].coefficient`;
 * inside JSON, the JSON argument's path, e.g. `input.details`) and the limit.
 */
export function checkInputLimits(definitions: readonly GraphQLArgument[], args: Readonly<Record<string, unknown>>, limits: InputLimits): void {
  const path: Path = [];
  for (const definition of definitions) {
    path.push(definition.name);
    checkOf(definition.type)(args[definition.name], path, limits);
    path.pop();
  }
}

/**
 * The path is one stack of segments pushed and popped, rendered only for a refusal: a large QUBO
 * has hundreds of thousands of terms, and a string per term would cost more than the check.
 */
type Path = (string | number)[];
type Check = (value: unknown, path: Path, limits: InputLimits) => void;

/**
 * One check per input type of the schema, made at its first use: graphql-js's type predicates are
 * slow outside production builds, far too slow to ask for each of a QUBO's terms. Made lazily
 * because input types may refer to themselves.
 */
const checks = new WeakMap<GraphQLInputType, Check>();

function checkOf(type: GraphQLInputType): Check {
  let check = checks.get(type);
  if (!check) {
    check = checkFor(type);
    checks.set(type, check);
  }
  return check;
}

function checkFor(type: GraphQLInputType): Check {
  if (isNonNullType(type)) {
    let inner: Check | undefined;
    return (value, path, limits) => (inner ??= checkOf(type.ofType))(value, path, limits);
  }
  if (isListType(type)) {
    let item: Check | undefined;
    return (value, path, limits) => {
      if (value === null || value === undefined) return;
      item ??= checkOf(type.ofType);
      if (!Array.isArray(value)) return item(value, path, limits);
      if (value.length > limits.maxListLength) throw tooLarge(render(path), `has ${value.length} items; the limit is ${limits.maxListLength}`, limits.maxListLength);
      for (let index = 0; index < value.length; index++) {
        path.push(index);
        item(value[index], path, limits);
        path.pop();
      }
    };
  }
  if (isInputObjectType(type)) {
    let fields: { readonly name: string; readonly check: Check }[] | undefined;
    return (value, path, limits) => {
      if (value === null || value === undefined) return;
      fields ??= Object.values(type.getFields()).map((field) => ({ name: field.name, check: checkOf(field.type) }));
      const record = value as Record<string, unknown>;
      for (const field of fields) {
        path.push(field.name);
        field.check(record[field.name], path, limits);
        path.pop();
      }
    };
  }
  if (isEnumType(type)) return () => undefined;
  if (isScalarType(type) && type.extensions[OWN_SIZE_LIMIT]) {
    return (value, path, limits) => {
      if (typeof value !== 'string') checkScalar(value, path, limits);
    };
  }
  return checkScalar;
}

/**
 * A scalar, judged by what it parsed to: String, ID and string-valued custom scalars are strings,
 * Int and Float numbers, JSON and `_Any` objects or arrays; a DateTime is a Date and has no size.
 * A scalar that could not read its value parsed to the GraphQLError saying why (schema/graphql/scalars.ts):
 * refused here, where the argument has a name.
 */
function checkScalar(value: unknown, path: Path, limits: InputLimits): void {
  if (value instanceof GraphQLError) {
    const field = render(path);
    throw platformError(ErrorCode.BadUserInput, `${field} ${value.message}`, { field });
  }
  if (typeof value === 'string') {
    if (value.length > limits.maxStringLength) throw tooLong(render(path), value, limits);
  } else if (typeof value === 'number') {
    if (outOfRange(value, limits)) throw notInRange(render(path), value, limits);
  } else if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    checkJson(value, render(path), limits);
  }
}

/**
 * One JSON value: its nesting, its serialized size, and every string, key and number in it. The
 * walk stops at the first level past the depth limit, so a value nested thousands deep costs no
 * more than one at the limit, and the size is counted as it goes rather than serialized first.
 */
function checkJson(value: unknown, path: string, limits: InputLimits): void {
  let bytes = 0;
  const count = (more: number) => {
    bytes += more;
    if (bytes > limits.maxJsonBytes) throw tooLarge(path, `is larger than the limit of ${limits.maxJsonBytes} bytes as JSON`, limits.maxJsonBytes);
  };
  const visit = (node: unknown, depth: number): void => {
    if (node === null || node === undefined) return count(4);
    if (typeof node === 'boolean') return count(node ? 4 : 5);
    if (typeof node === 'string') {
      if (node.length > limits.maxStringLength) throw tooLong(path, node, limits, 'a string in ');
      return count(jsonBytes(node));
    }
    if (typeof node === 'number') {
      if (outOfRange(node, limits)) throw notInRange(path, node, limits, 'a number in ');
      return count(String(node).length);
    }
    if (depth >= limits.maxJsonDepth) throw tooDeep(path, limits.maxJsonDepth);
    if (Array.isArray(node)) {
      if (node.length > limits.maxListLength) throw tooLarge(path, `holds a list of ${node.length} items; the limit is ${limits.maxListLength}`, limits.maxListLength);
      count(2 + Math.max(0, node.length - 1));
      for (const item of node) visit(item, depth + 1);
      return;
    }
    const entries = Object.entries(node as Record<string, unknown>);
    count(2 + Math.max(0, entries.length - 1));
    for (const [key, item] of entries) {
      if (key.length > limits.maxStringLength) throw tooLong(path, key, limits, 'a key in ');
      count(jsonBytes(key) + 1);
      visit(item, depth + 1);
    }
  };
  visit(value, 0);
}

function outOfRange(value: number, limits: InputLimits): boolean {
  return !Number.isFinite(value) || Math.abs(value) > limits.maxNumberMagnitude;
}

const tooLong = (path: string, text: string, limits: InputLimits, where = '') =>
  refusal(InputLimitReason.TooLong, path, `${where}${path} has ${text.length} characters; the limit is ${limits.maxStringLength}.`, limits.maxStringLength);
const notInRange = (path: string, value: number, limits: InputLimits, where = '') =>
  refusal(InputLimitReason.OutOfRange, path, `${where}${path} is ${value}; numbers must be finite and at most ${limits.maxNumberMagnitude} in absolute value.`, limits.maxNumberMagnitude);
const tooLarge = (path: string, what: string, limit: number) => refusal(InputLimitReason.TooLarge, path, `${path} ${what}.`, limit);
const tooDeep = (path: string, limit: number) => refusal(InputLimitReason.TooDeep, path, `${path} is nested deeper than the limit of ${limit} levels.`, limit);

function refusal(reason: InputLimitReason, field: string, message: string, limit: number): GraphQLError {
  return platformError(ErrorCode.BadUserInput, message, { field, reason, limit });
}

function jsonBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text), 'utf8');
}

function render(path: Path): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}
