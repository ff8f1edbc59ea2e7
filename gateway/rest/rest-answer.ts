import { getNullableType, isEnumType, isListType, isObjectType, Kind, type FieldNode, type GraphQLOutputType } from 'graphql';
import type { CompiledEndpoint } from './compile-endpoint';
import { restEnumValue, snakeCase } from './rest-names';

/** The root field's data as the seed's clients read it: snake_case keys, lower-case enum values, JSON scalars unchanged. */
export function restAnswer(compiled: CompiledEndpoint, data: Record<string, unknown>): unknown {
  const { selection, rootField } = compiled;
  return restValue(data[selection.alias?.value ?? selection.name.value], rootField.type, selection);
}

function restValue(value: unknown, type: GraphQLOutputType, selection: FieldNode): unknown {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) return (value as unknown[]).map((item) => restValue(item, nullable.ofType, selection));
  if (isEnumType(nullable)) return restEnumValue(value as string);
  if (!isObjectType(nullable) || !selection.selectionSet) return value;
  const fields = nullable.getFields();
  const source = value as Record<string, unknown>;
  const answer: Record<string, unknown> = {};
  for (const child of selection.selectionSet.selections) {
    if (child.kind !== Kind.FIELD) continue;
    const key = child.alias?.value ?? child.name.value;
    answer[snakeCase(key)] = restValue(source[key], fields[child.name.value].type, child);
  }
  return answer;
}
