import type { GraphQLResolveInfo } from 'graphql';
import type { IMiddleware } from 'graphql-middleware';
import { auditBatcherFor, type AuditAppendBatcher } from '../audit/audit-append-batcher';
import { auditedAction, type AuditedAction } from '../audit/change-audited';
import { describeMutation, errorCodeOf } from '../audit/describe-mutation';
import { redactForAudit } from '../audit/redact-for-audit';
import { withOneReadYourWritesDeadline } from '../commands/read-your-writes-deadline';
import { ErrorCode, platformError } from '../errors';
import type { OperationPolicy } from './permissions/operation-policy';
import type { SubgraphContext } from './subgraph-context';
import type { SubgraphDependencies } from './subgraph-dependencies';

/** Mutations that write their own audit entry: auditing them again would record everything twice. */
const SELF_AUDITED_MUTATIONS: ReadonlySet<string> = new Set(['recordAuditEntry', 'authenticate', 'requestServiceAccountToken']);

type AuditDependencies = Pick<SubgraphDependencies, 'eventStore' | 'clock' | 'logger' | 'waitForReadModels' | 'waitForAuditChain'>;

/**
 * Field middleware that sees every mutation of a subgraph to the end. Put it first in
 * `middleware`, so it also sees the refusals of the permission and compliance layers inside it.
 *
 * - A change is audited by the command path itself: the resolver runs with `context.audit`, and
 *   every append it makes carries the change's audit record in the same write (atomic on every
 *   store); the chainer folds those records into the tenant's trail. The answer then waits until
 *   the trail shows them.
 * - A mutation that stored no change — refused, failed, or a no-op — gets its entry here, appended
 *   to the trail directly. If that fails, a successful answer becomes AUDIT_UNAVAILABLE: an
 *   unaudited call is never confirmed. A change saved but answering READ_MODEL_LAGGING is already
 *   recorded as the success it is, and gets no second entry.
 *
 * It is a middleware function (not a `{ Mutation: … }` type map) because graphql-middleware
 * refuses a type map naming a type the schema lacks, and not every subgraph has mutations.
 */
export function auditMutations(deps: AuditDependencies, subgraph: string, policy: OperationPolicy): IMiddleware<unknown, SubgraphContext, Record<string, unknown>> {
  // Looked up at the first mutation: building the schema (e.g. for composition) touches no store.
  let batcher: AuditAppendBatcher | undefined;
  return (resolve, parent, args, context, info) => {
    if (info.parentType !== info.schema.getMutationType()) return resolve(parent, args, context, info);
    // Every read-your-writes wait of this mutation, its own and the trail's below, ends at one deadline.
    return withOneReadYourWritesDeadline(() => {
      if (SELF_AUDITED_MUTATIONS.has(info.fieldName)) return resolve(parent, args, context, info);
      batcher ??= auditBatcherFor(deps.eventStore);
      const action = auditedAction(`${subgraph}.${info.fieldName}`, { arguments: redactForAudit(args ?? {}) });
      return auditedResolve(deps, batcher, policy, subgraph, action, () => resolve(parent, args, { ...context, audit: action }, info), args ?? {}, context, info);
    });
  };
}

async function auditedResolve(
  deps: AuditDependencies,
  batcher: AuditAppendBatcher,
  policy: OperationPolicy,
  subgraph: string,
  action: AuditedAction,
  resolve: () => unknown,
  args: Record<string, unknown>,
  context: SubgraphContext,
  info: GraphQLResolveInfo,
): Promise<unknown> {
  let result: unknown;
  let error: unknown;
  let threw = false;
  try {
    result = await resolve();
  } catch (caught) {
    threw = true;
    error = caught;
  }
  const failed = threw || result instanceof Error;
  if (action.recordedAt.length > 0 && (!failed || errorCodeOf(error) === ErrorCode.ReadModelLagging)) {
    if (!failed) await showInTrail(deps, action);
  } else {
    const entry = describeMutation({
      subgraph,
      fieldName: info.fieldName,
      args,
      declaredTenant: await policy.tenantOf(`Mutation.${info.fieldName}`, args),
      auth: context.auth,
      correlationId: context.correlationId,
      time: deps.clock(),
      result,
      error,
    });
    try {
      const appended = await batcher.append(entry, context.requestId);
      await deps.waitForReadModels(appended.position).catch((lagging: unknown) => deps.logger.warn({ err: lagging, action: entry.action }, 'audit read model lagging'));
    } catch (auditError) {
      deps.logger.error({ err: auditError, entry }, 'audit entry could not be appended');
      if (!failed) throw auditUnavailable(context.correlationId);
    }
  }
  if (threw) throw error;
  return result;
}

/**
 * So that auditTrail right after the mutation shows its entries: the chainer links them into the
 * trail, and the audit read model has them once it has passed the log's head after that. Both
 * waits end at the mutation's one read-your-writes deadline, which its command's wait started.
 */
async function showInTrail(deps: AuditDependencies, action: AuditedAction): Promise<void> {
  try {
    await deps.waitForAuditChain(Math.max(...action.recordedAt));
    await deps.waitForReadModels(await deps.eventStore.headPosition());
  } catch (lagging) {
    deps.logger.warn({ err: lagging, action: action.action }, 'audit trail lagging');
  }
}

function auditUnavailable(correlationId: string) {
  return platformError(
    ErrorCode.AuditUnavailable,
    'The change may have been saved, but its audit entry could not be written, so it is not confirmed: check its state before retrying, and tell your administrator that the audit trail is failing.',
    { correlationId },
  );
}
