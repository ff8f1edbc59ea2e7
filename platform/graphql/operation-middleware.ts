import type { IMiddlewareGenerator, IMiddleware } from 'graphql-middleware';
import { complianceGuard } from '../compliance/compliance-guard';
import { auditMutations } from './audit-middleware';
import { inputLimitsMiddleware } from './input-limits/input-limits-middleware';
import { operationPolicy } from './permissions/operation-policy';
import { permissionShield } from './permissions/permission-shield';
import type { PermissionTable } from './permissions/permission-table';
import type { SubgraphContext } from './subgraph-context';
import type { SubgraphDependencies } from './subgraph-dependencies';

/**
 * The middleware every subgraph runs around its operations, outermost first: the audit (which
 * must see the refusals of the layers inside it and keeps only a cut-down copy of the arguments),
 * the input limits, the permission shield, the compliance guard. The audit, the shield and the
 * guard read the tenant an operation acts on from the one row of its permission table.
 */
export function operationMiddleware(
  deps: SubgraphDependencies,
  subgraph: string,
  table: PermissionTable,
): (IMiddleware | IMiddlewareGenerator<unknown, SubgraphContext, unknown>)[] {
  // The stores and settings are looked up at the first call: building the schema (e.g. for composition) touches neither.
  const policy = operationPolicy(
    table,
    { collection: (name) => deps.readStore.collection(name) },
    {
      get operatorTenantId() {
        return deps.config.signIn.operatorTenantId;
      },
    },
  );
  return [
    auditMutations(deps, subgraph, policy),
    inputLimitsMiddleware(() => deps.config.inputLimits),
    permissionShield(policy),
    complianceGuard(deps, policy),
  ] as (IMiddleware | IMiddlewareGenerator<unknown, SubgraphContext, unknown>)[];
}
