import {
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLEnumType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
} from 'graphql';
import { PUBLIC_ROOT_FIELDS } from '../../schema/public-operations';
import type { CompiledEndpoint, RequestField } from './compile-endpoint';
import { ERROR_STATUSES } from './http-status';
import { restEnumValue, snakeCase } from './rest-names';

type JsonSchema = Record<string, unknown>;

/** JSON Schema of GraphQL's and Goliath's scalars (3.1's schema object is JSON Schema 2020-12). */
const SCALARS: Readonly<Record<string, JsonSchema>> = {
  ID: { type: 'string' },
  String: { type: 'string' },
  Int: { type: 'integer', minimum: -2147483648, maximum: 2147483647 },
  SafeInt: { type: 'integer' },
  Float: { type: 'number' },
  Boolean: { type: 'boolean' },
  DateTime: { type: 'string', format: 'date-time' },
  JSON: { description: 'Any JSON value, passed through unchanged (keys as GraphQL has them).' },
  JSONObject: { type: 'object', description: 'A JSON object, passed through unchanged (keys as GraphQL has them).' },
};

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', description: "The GraphQL error's extensions.code." },
        message: { type: 'string' },
        details: { type: 'object', description: 'The rest of the GraphQL error’s extensions, as GraphQL has them (e.g. problems, retryAfterSeconds).' },
      },
    },
  },
};

/**
 * The OpenAPI 3.1 document of the REST endpoints, derived from their GraphQL documents and the
 * gateway's schema: request bodies (or query parameters) from the operations' variables, answers
 * from their selections, both with the snake_case names and lower-case enum values the REST layer
 * speaks; enums and input objects as shared components.
 */
export function openApiDocument(endpoints: readonly CompiledEndpoint[], version: string): JsonSchema {
  const components = new Map<string, JsonSchema>();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const compiled of endpoints) {
    const { endpoint } = compiled;
    const isPublic = PUBLIC_ROOT_FIELDS.has(compiled.rootField.name);
    paths[endpoint.path] = {
      ...paths[endpoint.path],
      [endpoint.method.toLowerCase()]: {
        operationId: endpoint.operationId ?? compiled.operationName,
        summary: endpoint.summary,
        description: compiled.rootField.description ?? undefined,
        tags: [endpoint.path.split('/')[2]],
        ...(isPublic && { security: [] }),
        ...(endpoint.method === 'GET' ? { parameters: compiled.requestFields.map((field) => queryParameter(field, components)) } : { requestBody: requestBody(compiled, components) }),
        responses: {
          '200': { description: `The ${compiled.rootField.name} answer.`, content: { 'application/json': { schema: outputSchema(compiled.rootField.type, compiled.selection, components) } } },
          ...Object.fromEntries(ERROR_STATUSES.map((status) => [String(status), { $ref: `#/components/responses/Error${status}` }])),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Goliath REST endpoints',
      version,
      description: 'The Phase 2.1 guide’s REST paths, each a thin layer over the GraphQL operation named in its operationId, served by the gateway with the same token check, limits, rate limits and audit.',
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A platform token, as for /graphql.' } },
      schemas: { Error: ERROR_SCHEMA, ...Object.fromEntries([...components].sort(([a], [b]) => a.localeCompare(b))) },
      responses: Object.fromEntries(
        ERROR_STATUSES.map((status) => [`Error${status}`, { description: `Refused or failed (HTTP ${status}); error.code says why.`, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
      ),
    },
  };
}

function requestBody(compiled: CompiledEndpoint, components: Map<string, JsonSchema>): JsonSchema {
  const properties = Object.fromEntries(compiled.requestFields.map((field) => [field.name, described(inputSchema(field.type, components), field.description)]));
  const required = compiled.requestFields.filter((field) => field.required).map((field) => field.name);
  return { required: true, content: { 'application/json': { schema: { type: 'object', properties, ...(required.length > 0 && { required }), additionalProperties: false } } } };
}

function queryParameter(field: RequestField, components: Map<string, JsonSchema>): JsonSchema {
  const list = isListType(getNullableType(field.type));
  return { name: field.name, in: 'query', required: field.required, description: field.description, schema: inputSchema(field.type, components), ...(list && { style: 'form', explode: true }) };
}

function inputSchema(type: GraphQLInputType, components: Map<string, JsonSchema>): JsonSchema {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return { type: 'array', items: inputSchema(nullable.ofType, components) };
  if (isEnumType(nullable)) return componentRef(nullable, components, () => enumSchema(nullable));
  if (isInputObjectType(nullable)) return componentRef(nullable, components, () => inputObjectSchema(nullable, components));
  return scalarSchema(nullable.name);
}

function inputObjectSchema(type: GraphQLInputObjectType, components: Map<string, JsonSchema>): JsonSchema {
  const fields = Object.values(type.getFields());
  const required = fields.filter((field) => isNonNullType(field.type) && field.defaultValue === undefined).map((field) => snakeCase(field.name));
  return {
    type: 'object',
    description: type.description ?? undefined,
    properties: Object.fromEntries(fields.map((field) => [snakeCase(field.name), described(inputSchema(field.type, components), field.description ?? undefined)])),
    ...(required.length > 0 && { required }),
    additionalProperties: false,
  };
}

function outputSchema(type: GraphQLOutputType, selection: FieldNode, components: Map<string, JsonSchema>): JsonSchema {
  const nullable = getNullableType(type);
  const schema = nonNullOutputSchema(nullable, selection, components);
  return isNonNullType(type) ? schema : { anyOf: [schema, { type: 'null' }] };
}

function nonNullOutputSchema(type: GraphQLOutputType, selection: FieldNode, components: Map<string, JsonSchema>): JsonSchema {
  if (isListType(type)) return { type: 'array', items: outputSchema(type.ofType, selection, components) };
  if (isEnumType(type)) return componentRef(type, components, () => enumSchema(type));
  if (!isObjectType(type) || !selection.selectionSet) return scalarSchema((type as GraphQLNamedType).name);
  const fields = type.getFields();
  const children = selection.selectionSet.selections.filter((child): child is FieldNode => child.kind === Kind.FIELD);
  const properties = Object.fromEntries(
    children.map((child) => {
      const field = fields[child.name.value];
      return [snakeCase(child.alias?.value ?? child.name.value), described(outputSchema(field.type, child, components), field.description ?? undefined)];
    }),
  );
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

function enumSchema(type: GraphQLEnumType): JsonSchema {
  return { type: 'string', description: type.description ?? undefined, enum: type.getValues().map((value) => restEnumValue(value.name)) };
}

/** A named GraphQL type once in components, referred to everywhere (input objects may refer to themselves). */
function componentRef(type: GraphQLNamedType, components: Map<string, JsonSchema>, schemaOf: () => JsonSchema): JsonSchema {
  if (!components.has(type.name)) {
    components.set(type.name, {});
    components.set(type.name, schemaOf());
  }
  return { $ref: `#/components/schemas/${type.name}` };
}

function scalarSchema(name: string): JsonSchema {
  return SCALARS[name] ?? { description: `The GraphQL scalar ${name}.` };
}

/** A description beside a $ref needs 3.1 (2020-12 allows siblings of $ref). */
function described(schema: JsonSchema, description: string | undefined): JsonSchema {
  return description ? { ...schema, description } : schema;
}
