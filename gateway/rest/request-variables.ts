import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLScalarType,
} from 'graphql';
import { badUserInput } from '../../platform/errors';
import type { CompiledEndpoint } from './compile-endpoint';
import { graphqlEnumValue, restEnumValue, snakeCase } from './rest-names';

/** Where the request's fields came from: a JSON body keeps JSON's types, a query string has strings only. */
export type RequestSource = 'body' | 'query';

/**
 * Turns a REST request's fields into the operation's variables: snake_case names to the GraphQL
 * names, lower-case enum values to GraphQL's, query-string text to the numbers and booleans the
 * types ask for. Refuses, all at once and naming each by its REST name, fields the operation does
 * not take, missing required fields, enum values it does not know and values its scalars refuse.
 * JSON scalars pass through unchanged. What the operation itself checks is left to it.
 */
export function requestVariables(compiled: CompiledEndpoint, fields: unknown, source: RequestSource): Record<string, unknown> {
  if (!isPlainObject(fields)) throw badUserInput('Send the fields as a JSON object, with Content-Type: application/json.');
  const problems: Problem[] = [];
  const byName = new Map(compiled.requestFields.map((field) => [field.name, field]));
  const unknown = Object.keys(fields).filter((name) => !byName.has(name));
  if (unknown.length > 0) problems.push({ field: unknown[0], message: `Unknown ${plural(unknown.length, 'field')} ${unknown.join(', ')}: this endpoint takes ${[...byName.keys()].join(', ')}` });

  const variables: Record<string, unknown> = Object.fromEntries(compiled.spreadVariables.map((variable) => [variable, {}]));
  for (const field of compiled.requestFields) {
    if (!Object.hasOwn(fields, field.name)) {
      if (field.required) problems.push({ field: field.name, message: `${field.name} is required` });
      continue;
    }
    const value = translate(fields[field.name], field.type, field.name, source, problems);
    if (field.inputField) (variables[field.variable] as Record<string, unknown>)[field.inputField] = value;
    else variables[field.variable] = value;
  }
  if (problems.length > 0) throw badUserInput(`${problems.map((problem) => problem.message).join('; ')}.`, problems[0].field);
  return variables;
}

/** One thing wrong with the request, and the REST field it is about. */
interface Problem {
  readonly field: string;
  readonly message: string;
}

function translate(value: unknown, type: GraphQLInputType, path: string, source: RequestSource, problems: Problem[]): unknown {
  if (value === null) {
    if (isNonNullType(type)) problems.push({ field: path, message: `${path} must not be null` });
    return null;
  }
  if (isNonNullType(type)) return translate(value, type.ofType, path, source, problems);
  if (isListType(type)) {
    // As GraphQL does, one value where a list is expected is a list of one (a query string's single `?x=a`).
    const items = Array.isArray(value) ? value : [value];
    return items.map((item, index) => translate(item, type.ofType, `${path}[${index}]`, source, problems));
  }
  if (isInputObjectType(type)) return translateObject(value, type, path, source, problems);
  if (isEnumType(type)) {
    const known = typeof value === 'string' ? type.getValue(graphqlEnumValue(value)) : undefined;
    if (!known) problems.push({ field: path, message: `${path} must be one of ${type.getValues().map((candidate) => restEnumValue(candidate.name)).join(', ')}, not ${JSON.stringify(value)}` });
    return known?.name;
  }
  return checkedScalar(source === 'query' ? fromQueryText(value, type) : value, type, path, problems);
}

function translateObject(value: unknown, type: GraphQLInputObjectType, path: string, source: RequestSource, problems: Problem[]): unknown {
  if (!isPlainObject(value)) {
    problems.push({ field: path, message: `${path} must be an object` });
    return undefined;
  }
  const fields = new Map(Object.values(type.getFields()).map((field) => [snakeCase(field.name), field]));
  const translated: Record<string, unknown> = {};
  for (const [name, item] of Object.entries(value)) {
    const field = fields.get(name);
    if (field) translated[field.name] = translate(item, field.type, `${path}.${name}`, source, problems);
    else problems.push({ field: `${path}.${name}`, message: `unknown field ${path}.${name}: ${path} takes ${[...fields.keys()].join(', ')}` });
  }
  for (const [name, field] of fields) {
    if (isNonNullType(field.type) && field.defaultValue === undefined && !Object.hasOwn(value, name)) problems.push({ field: `${path}.${name}`, message: `${path}.${name} is required` });
  }
  return translated;
}

/** Query strings carry text: a number or boolean field's text becomes its value, for the scalar to judge. */
function fromQueryText(value: unknown, type: GraphQLScalarType): unknown {
  if (typeof value !== 'string') return value;
  if (type.name === 'Int' || type.name === 'Float' || type.name === 'SafeInt') return value.trim() === '' ? value : Number(value);
  if (type.name === 'Boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

/** The scalar's own check (GraphQL's parseValue), so its message is GraphQL's, named by the REST field. */
function checkedScalar(value: unknown, type: GraphQLInputType, path: string, problems: Problem[]): unknown {
  if (!isScalarType(type)) return value;
  try {
    type.parseValue(value);
  } catch (error) {
    problems.push({ field: path, message: `${path}: ${error instanceof Error ? error.message : String(error)}` });
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
