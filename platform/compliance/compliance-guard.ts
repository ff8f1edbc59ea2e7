import type { GraphQLResolveInfo } from 'graphql';
import { middleware, type IMiddlewareGenerator, type IMiddlewareFunction, type IMiddlewareTypeMap } from 'graphql-middleware';
import { canAccessTenant } from '../auth/auth-context';
import type { SubgraphContext } from '../graphql/subgraph-context';
import type { SubgraphDependencies } from '../graphql/subgraph-dependencies';
import { loadComplianceProfile } from './compliance-facts';
import { DATA_FIELDS } from './compliance-request';
import { complianceViolation, runComplianceCheck } from './run-compliance-check';

type Args = Record<string, unknown>;

export interface ComplianceGuardOptions {
  /**
   * The tenant of a mutation whose arguments do not name it (e.g. updateConstraint(constraintId)),
   * so a platform administrator's change is guarded too.
   */
  readonly tenantOf?: (fieldName: string, args: Args) => Promise<string | undefined>;
}

/**
 * Runs the compliance check before every mutation the tenant marked as guarded and refuses it
 * with COMPLIANCE_VIOLATION before the resolver runs. The mutation's arguments are the data the
 * rules read (an `input` object's fields lifted to the top), plus the change approval the caller
 * presented. Callers who cannot reach the tenant are left to the resolver's own FORBIDDEN, so the
 * guard never reveals another tenant's rules.
 */
export function complianceGuard(deps: SubgraphDependencies, options: ComplianceGuardOptions = {}): IMiddlewareGenerator<unknown, SubgraphContext, Args> {
  // A generator, because graphql-middleware refuses a type map naming a type the schema lacks
  // (a subgraph without mutations).
  return middleware((schema): IMiddlewareTypeMap<unknown, SubgraphContext, Args> => (schema.getMutationType() ? { Mutation: guardMutation(deps, options) } : {}));
}

function guardMutation(deps: SubgraphDependencies, options: ComplianceGuardOptions): IMiddlewareFunction<unknown, SubgraphContext, Args> {
  type Resolve = (root: unknown, args: Args, context: SubgraphContext, info: GraphQLResolveInfo) => unknown;
  return async (resolve: Resolve, root: unknown, args: Args, context: SubgraphContext, info: GraphQLResolveInfo) => {
    const auth = context.auth;
    if (!auth) return resolve(root, args, context, info);
    const tenantId = await guardedTenant(info.fieldName, args, auth.tenantId, options);
    if (!tenantId || !canAccessTenant(auth, tenantId)) return resolve(root, args, context, info);
    const profile = await loadComplianceProfile(deps.readStore, tenantId);
    if (!profile?.guardedOperations.includes(info.fieldName)) return resolve(root, args, context, info);
    const result = await runComplianceCheck(deps, context, auth, {
      tenantId,
      operation: info.fieldName,
      data: guardedData(args, context.changeApprovalId),
      timeoutMs: deps.config.compliance.checkTimeoutMs,
      trigger: 'guard',
      profile,
      timeoutRemedy: 'Raise COMPLIANCE_CHECK_TIMEOUT_MS or simplify the tenant’s compliance rules, then retry.',
    });
    if (!result.isCompliant) throw complianceViolation(info.fieldName, result.violations);
    return resolve(root, args, context, info);
  };
}

async function guardedTenant(fieldName: string, args: Args, ownTenant: string | undefined, options: ComplianceGuardOptions): Promise<string | undefined> {
  const input = asObject(args.input);
  const named = args.tenantId ?? input?.tenantId;
  if (typeof named === 'string') return named;
  return (await options.tenantOf?.(fieldName, args)) ?? ownTenant;
}

function guardedData(args: Args, changeApprovalId: string | undefined): Args {
  return { ...args, ...asObject(args.input), ...(changeApprovalId && { [DATA_FIELDS.changeApprovalId]: changeApprovalId }) };
}

function asObject(value: unknown): Args | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Args) : undefined;
}
