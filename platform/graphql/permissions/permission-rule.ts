import type { GraphQLError } from 'graphql';
import { rule } from 'graphql-shield';
import type { IRule } from 'graphql-shield';
import type { AuthContext, Role } from '../../auth/auth-context';
import { forbidden, notFound, unauthenticated } from '../../errors';
import type { SubgraphContext } from '../subgraph-context';
import type { OperationPolicy } from './operation-policy';
import { valueAt } from './operation-tenant';
import type { OperationName } from './permission-table';

/**
 * The shield rule of one operation. It answers `true` or the error itself: a rule that answered
 * `false` would surface shield's single fallback error, and a caller without a token must learn
 * UNAUTHENTICATED, not FORBIDDEN. `no_cache` because shield's `contextual`/`strict` caches key on
 * the rule's name (and arguments), which is only safe when every name is unique; this way no
 * result can outlive its field, let alone its request.
 */
export function permissionRule(operation: OperationName, roles: readonly Role[], policy: OperationPolicy): IRule {
  return rule(`permission:${operation}`, { cache: 'no_cache' })(async (_parent: unknown, args: Record<string, unknown>, context: SubgraphContext) => {
    if (context.authError) return context.authError;
    if (!context.auth) return unauthenticated();
    // Tenant scope from the row's declaration (an argument, or the owner of a referenced item), so
    // a resolver that forgot its own check still cannot reach another tenant.
    const tenantId = await policy.tenantOf(operation, args);
    return roleRefusal(context.auth, operation, roles) ?? (tenantId !== undefined && !policy.mayReach(context.auth, operation, tenantId) ? outOfReach(policy, operation, args, tenantId) : undefined) ?? true;
  }) as IRule;
}

/**
 * A call that names another tenant is FORBIDDEN; an item of another tenant named by its id answers
 * the NOT_FOUND its resolver gives a missing item, so ids cannot be probed across tenants.
 */
function outOfReach(policy: OperationPolicy, operation: OperationName, args: Record<string, unknown>, tenantId: string): GraphQLError {
  const declaration = policy.table[operation]?.tenant;
  if (declaration?.kind === 'owner') return notFound(declaration.what, String(valueAt(args, declaration.idPath)));
  return forbidden(`You may not access tenant ${tenantId}.`);
}

function roleRefusal(auth: AuthContext, operation: OperationName, roles: readonly Role[]): GraphQLError | undefined {
  if (auth.roles.some((role) => roles.includes(role))) return undefined;
  const needed = roles.length ? `it needs one of: ${roles.join(', ')}` : 'no role may call it';
  return forbidden(`Your role (${auth.roles.join(', ')}) may not call ${operation}; ${needed}. Ask your tenant admin for a role that allows it.`);
}

