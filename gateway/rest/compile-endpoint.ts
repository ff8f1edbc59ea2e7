import {
  getNamedType,
  isInputObjectType,
  isNonNullType,
  Kind,
  parse,
  typeFromAST,
  validate,
  type FieldNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { RestEndpoint } from './rest-operations';
import { snakeCase } from './rest-names';

/** One field of an endpoint's body (or query string), and where its value goes in the operation's variables. */
export interface RequestField {
  /** As the REST caller spells it: snake_case. */
  readonly name: string;
  readonly type: GraphQLInputType;
  readonly required: boolean;
  readonly description?: string;
  readonly variable: string;
  /** The input-object field the value fills, when the variable is spread into the request. */
  readonly inputField?: string;
}

export interface CompiledEndpoint {
  readonly endpoint: RestEndpoint;
  readonly operationName: string;
  readonly operation: OperationDefinitionNode;
  readonly rootType: GraphQLObjectType;
  readonly rootField: GraphQLField<unknown, unknown>;
  /** The root field's selection: what the answer holds. */
  readonly selection: FieldNode;
  readonly requestFields: readonly RequestField[];
  /** Variables that are spread into the request: sent as an object even when none of their fields is given. */
  readonly spreadVariables: readonly string[];
}

/**
 * Reads an endpoint's document against the gateway's schema. A document that does not validate,
 * or whose request fields collide once spread, is a programming error: it throws at the first request
 * (and in the unit test that compiles every endpoint).
 */
export function compileEndpoint(schema: GraphQLSchema, endpoint: RestEndpoint): CompiledEndpoint {
  const document = parse(endpoint.document);
  const problems = validate(schema, document);
  if (problems.length > 0) throw new Error(`${endpoint.path}: ${problems.map((problem) => problem.message).join('; ')}`);
  const [operation, ...others] = document.definitions;
  if (others.length > 0 || operation.kind !== Kind.OPERATION_DEFINITION || !operation.name) throw new Error(`${endpoint.path}: the document must be one named operation`);
  const [selection, ...more] = operation.selectionSet.selections;
  if (more.length > 0 || selection.kind !== Kind.FIELD) throw new Error(`${endpoint.path}: the operation must select one root field`);
  const rootType = schema.getRootType(operation.operation)!;
  const rootField = rootType.getFields()[selection.name.value];

  const requestFields: RequestField[] = [];
  const spreadVariables: string[] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const variable = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType;
    const named = getNamedType(type);
    if (isInputObjectType(named)) {
      spreadVariables.push(variable);
      for (const field of Object.values(named.getFields())) {
        const required = isNonNullType(field.type) && field.defaultValue === undefined;
        requestFields.push({ name: snakeCase(field.name), type: field.type, required, description: field.description ?? undefined, variable, inputField: field.name });
      }
    } else {
      const required = isNonNullType(type) && !definition.defaultValue;
      requestFields.push({ name: snakeCase(variable), type, required, description: argumentDescription(rootField, selection, variable), variable });
    }
  }
  const names = requestFields.map((field) => field.name);
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) throw new Error(`${endpoint.path}: request fields ${repeated.join(', ')} come from more than one variable`);

  return { endpoint, operationName: operation.name.value, operation, rootType, rootField, selection, requestFields, spreadVariables };
}

/** The description of the argument a variable is passed to, for the OpenAPI document. */
function argumentDescription(rootField: GraphQLField<unknown, unknown>, selection: FieldNode, variable: string): string | undefined {
  const argument = selection.arguments?.find((candidate) => candidate.value.kind === Kind.VARIABLE && candidate.value.name.value === variable);
  return rootField.args.find((candidate) => candidate.name === argument?.name.value)?.description ?? undefined;
}
