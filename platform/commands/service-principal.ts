import { auditedAction } from '../audit/change-audited';
import type { PermissionTable, ServiceOperationName, ServicePermission } from '../graphql/permissions/permission-table';
import type { CommandCaller } from './command-caller';

/** Actors of work with no caller are named `system:<runner>`; no token may carry such a subject. */
export const SERVICE_ACTOR_PREFIX = 'system:';

/**
 * A background runner (the solve-job runner; evolution triggers, forecast refreshes and
 * schedulers to come) acting through the command path under its own name. What it may do is a
 * `Service.<action>` row of its subgraph's permission table, checked when it acts, and each change
 * it makes is audited with `system:<runner>` as the actor.
 *
 * The compliance guard does not check service principals: each of their actions continues one a
 * user started and the guard checked then (a solve job's run continues its submitSolveJob), and
 * a runner cannot present a change approval. Their changes are audited like any other.
 */
export interface ServicePrincipal {
  readonly actor: string;
  /** The caller for one piece of work; refuses an action the permission table does not grant this runner. */
  caller(action: string, correlationId: string, details?: Readonly<Record<string, unknown>>): CommandCaller;
}

export function servicePrincipal(runner: string, subgraph: string, table: PermissionTable): ServicePrincipal {
  const actor = `${SERVICE_ACTOR_PREFIX}${runner}`;
  return {
    actor,
    caller(action, correlationId, details = {}) {
      const operation: ServiceOperationName = `Service.${action}`;
      const permission = (table as unknown as Record<string, ServicePermission | undefined>)[operation];
      if (!permission?.services.includes(runner)) {
        throw new Error(`${actor} may not run ${operation}: its subgraph's permission table has no row granting it.`);
      }
      return { actor, correlationId, causationId: correlationId, audit: auditedAction(`${subgraph}.${action}`, details) };
    },
  };
}
