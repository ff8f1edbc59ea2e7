import type { DocumentNode, OperationDefinitionNode, SelectionSetNode } from 'graphql';
import type { AuthContext } from '../../platform/auth/auth-context';

export type RateLimitScope = 'user' | 'tenant' | 'operation';

/** One budget a request draws from. */
export interface RateLimitKey {
  readonly scope: RateLimitScope;
  readonly key: string;
}

/** Where platform administrators, who belong to no tenant, are counted. */
export const PLATFORM_TENANT_KEY = 'platform';

/**
 * The budgets one operation draws from: its caller, the caller's tenant, and each root field it
 * selects. Root fields, not the operation name, identify the operation: the name is chosen by
 * the client, so renaming it would otherwise reset the count.
 */
export function rateLimitKeys(auth: AuthContext, operation: OperationDefinitionNode, document: DocumentNode): RateLimitKey[] {
  return [
    { scope: 'user', key: auth.subject },
    { scope: 'tenant', key: auth.tenantId ?? PLATFORM_TENANT_KEY },
    ...rootFields(operation, document).map((field): RateLimitKey => ({ scope: 'operation', key: `${operation.operation}.${field}` })),
  ];
}

/** Root field names of an operation, through fragments, without introspection fields. */
export function rootFields(operation: OperationDefinitionNode, document: DocumentNode): string[] {
  const names = new Set<string>();
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === 'Field') {
        if (!selection.name.value.startsWith('__')) names.add(selection.name.value);
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
  return [...names].sort();
}
