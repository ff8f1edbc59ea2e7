import { valueFromASTUntyped, type DocumentNode, type FieldNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { AuthContext } from '../../platform/auth/auth-context';
import { SOLVER_TIME_FIELDS } from '../../schema/solver-time';

export type RateLimitScope = 'user' | 'tenant' | 'operation';

/** One budget a request draws from, and how many points it takes from it. */
export interface RateLimitKey {
  readonly scope: RateLimitScope;
  readonly key: string;
  readonly points: number;
}

/** Where platform administrators, who belong to no tenant, are counted. */
export const PLATFORM_TENANT_KEY = 'platform';

/**
 * The budgets one operation draws from: its caller, the caller's tenant, and each root field it
 * selects. Root fields, not the operation name, identify the operation: the name is chosen by
 * the client, so renaming it would otherwise reset the count. Every selection costs a point, an
 * alias as much as a field of its own, and a synchronous solve one point per second of solver
 * time it asks for (schema/solver-time.ts): fifteen aliased ten-second solves cost 150 points.
 */
export function rateLimitKeys(
  auth: AuthContext,
  operation: OperationDefinitionNode,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> = {},
  maxChargedSolveMs = Infinity,
): RateLimitKey[] {
  const costs = new Map<string, number>();
  for (const field of rootFieldSelections(operation, document)) costs.set(field.name.value, (costs.get(field.name.value) ?? 0) + costOf(field, variables, maxChargedSolveMs));
  // A request costs its caller at least a point, even one that selects only introspection fields.
  const total = Math.max(1, [...costs.values()].reduce((sum, cost) => sum + cost, 0));
  return [
    { scope: 'user', key: auth.subject, points: total },
    { scope: 'tenant', key: auth.tenantId ?? PLATFORM_TENANT_KEY, points: total },
    ...[...costs.keys()].sort().map((field): RateLimitKey => ({ scope: 'operation', key: `${operation.operation}.${field}`, points: costs.get(field)! })),
  ];
}

/**
 * Points of one root field selection: 1, or the seconds of solver time a synchronous solve asks
 * for, up to the most it can be given (a request for more is refused, and costs that much).
 */
function costOf(field: FieldNode, variables: Readonly<Record<string, unknown>>, maxChargedSolveMs: number): number {
  const solverTime = SOLVER_TIME_FIELDS[field.name.value];
  if (!solverTime) return 1;
  const [argumentName, ...path] = solverTime.path;
  const argument = field.arguments?.find((candidate) => candidate.name.value === argumentName);
  let value: unknown = argument ? valueFromASTUntyped(argument.value, variables as Record<string, unknown>) : undefined;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  const ms = typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : solverTime.defaultMs;
  return Math.max(1, Math.ceil(Math.min(ms, maxChargedSolveMs) / 1000));
}

/** Every root field selection of an operation (aliases each count), through fragments, without introspection fields. */
function rootFieldSelections(operation: OperationDefinitionNode, document: DocumentNode): FieldNode[] {
  const fields: FieldNode[] = [];
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'Field') {
        if (!selection.name.value.startsWith('__')) fields.push(selection);
      } else if (selection.kind === 'InlineFragment') {
        collect(selection.selectionSet);
      } else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = document.definitions.find(
          (definition) => definition.kind === 'FragmentDefinition' && definition.name.value === selection.name.value,
        );
        if (fragment?.kind === 'FragmentDefinition') collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return fields;
}
