import type { GraphQLError } from 'graphql';
import { rule } from 'graphql-shield';
import type { IRule } from 'graphql-shield';
import { canAccessTenant, type AuthContext } from '../../auth/auth-context';
import { forbidden, unauthenticated } from '../../errors';
import type { SubgraphContext } from '../subgraph-context';
import type { OperationName, Permission } from './permission-table';

/**
 * The shield rule of one operation. It answers `true` or the error itself: a rule that answered
 * `false` would surface shield's single fallback error, and a caller without a token must learn
 * UNAUTHENTICATED, not FORBIDDEN. `no_cache` because the check is a list lookup, while shield's
 * `contextual`/`strict` caches key on the rule's name (and arguments), which is only safe when
 * every name is unique; this way no result can outlive its field, let alone its request.
 */
export function permissionRule(operation: OperationName, permission: Exclude<Permission, 'public'>): IRule {
  return rule(`permission:${operation}`, { cache: 'no_cache' })((_parent: unknown, args: Record<string, unknown>, context: SubgraphContext) => {
    if (context.authError) return context.authError;
    if (!context.auth) return unauthenticated();
    return roleRefusal(context.auth, operation, permission) ?? tenantRefusal(context.auth, args) ?? true;
  }) as IRule;
}

function roleRefusal(auth: AuthContext, operation: OperationName, roles: Exclude<Permission, 'public'>): GraphQLError | undefined {
  if (auth.roles.some((role) => roles.includes(role))) return undefined;
  const needed = roles.length ? `it needs one of: ${roles.join(', ')}` : 'no role may call it';
  return forbidden(`Your role (${auth.roles.join(', ')}) may not call ${operation}; ${needed}. Ask your tenant-admin for a role that allows it.`);
}

/**
 * Defence in depth: the resolvers check tenant scope themselves, and so does the shield where
 * the operation names its tenant in an argument (`tenantId`, or `input.tenantId`), so that a
 * resolver which forgot the check still cannot reach another tenant. Tenants reached through an
 * id of something else (a problem, a job) can only be checked by the resolver that loads it.
 */
function tenantRefusal(auth: AuthContext, args: Record<string, unknown>): GraphQLError | undefined {
  const input = args.input as Record<string, unknown> | null | undefined;
  for (const tenantId of [args.tenantId, input?.tenantId]) {
    if (typeof tenantId === 'string' && !canAccessTenant(auth, tenantId)) return forbidden(`You may not access tenant ${tenantId}.`);
  }
  return undefined;
}
