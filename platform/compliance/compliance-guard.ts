import type { GraphQLResolveInfo } from 'graphql';
import { middleware, type IMiddlewareGenerator, type IMiddlewareFunction, type IMiddlewareTypeMap } from 'graphql-middleware';
import { canAccessTenant } from '../auth/auth-context';
import type { OperationPolicy } from '../graphql/permissions/operation-policy';
import type { SubgraphContext } from '../graphql/subgraph-context';
import type { SubgraphDependencies } from '../graphql/subgraph-dependencies';
import { complianceViolation, runComplianceCheck } from './run-compliance-check';

type Args = Record<string, unknown>;

/**
 * Runs the compliance check before every mutation the tenant marked as guarded and refuses it
 * with COMPLIANCE_VIOLATION before the resolver runs. The mutation's arguments are the data the
 * rules read (an `input` object's fields lifted to the top), plus the change approval the caller
 * presented. Callers who cannot reach the tenant are left to the resolver's own FORBIDDEN, so the
 * guard never reveals another tenant's rules. The rules are the catalogue's in `deps.compliance`.
 */
export function complianceGuard(deps: SubgraphDependencies, policy: OperationPolicy): IMiddlewareGenerator<unknown, SubgraphContext, Args> {
  // A generator, because graphql-middleware refuses a type map naming a type the schema lacks
  // (a subgraph without mutations).
  return middleware((schema): IMiddlewareTypeMap<unknown, SubgraphContext, Args> => (schema.getMutationType() ? { Mutation: guardMutation(deps, policy) } : {}));
}

function guardMutation(deps: SubgraphDependencies, policy: OperationPolicy): IMiddlewareFunction<unknown, SubgraphContext, Args> {
  type Resolve = (root: unknown, args: Args, context: SubgraphContext, info: GraphQLResolveInfo) => unknown;
  return async (resolve: Resolve, root: unknown, args: Args, context: SubgraphContext, info: GraphQLResolveInfo) => {
    const auth = context.auth;
    if (!auth) return resolve(root, args, context, info);
    // The tenant the operation's row declares; the caller's own where it declares none.
    const tenantId = (await policy.tenantOf(`Mutation.${info.fieldName}`, args)) ?? auth.tenantId;
    if (!tenantId || !canAccessTenant(auth, tenantId)) return resolve(root, args, context, info);
    const profile = await deps.compliance.loadProfile(deps.readStore, tenantId);
    if (!profile?.guardedOperations.includes(info.fieldName)) return resolve(root, args, context, info);
    const result = await runComplianceCheck(deps, context, auth, {
      tenantId,
      operation: info.fieldName,
      data: guardedData(args, context.changeApprovalId, deps.compliance.changeApprovalField),
      timeoutMs: deps.config.compliance.checkTimeoutMs,
      trigger: 'guard',
      profile,
      timeoutRemedy: 'Raise COMPLIANCE_CHECK_TIMEOUT_MS or simplify the tenant’s compliance rules, then retry.',
    });
    if (!result.isCompliant) throw complianceViolation(info.fieldName, result.violations);
    return resolve(root, args, context, info);
  };
}

function guardedData(args: Args, changeApprovalId: string | undefined, changeApprovalField: string): Args {
  return { ...args, ...asObject(args.input), ...(changeApprovalId && { [changeApprovalField]: changeApprovalId }) };
}

function asObject(value: unknown): Args | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Args) : undefined;
}
