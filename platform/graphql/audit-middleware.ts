import { getNamedType, type GraphQLResolveInfo } from 'graphql';
import type { IMiddleware } from 'graphql-middleware';
import { auditBatcherFor, type AuditAppendBatcher } from '../audit/audit-append-batcher';
import { describeMutation } from '../audit/describe-mutation';
import { ErrorCode, platformError } from '../errors';
import type { SubgraphContext } from './subgraph-context';
import type { SubgraphDependencies } from './subgraph-dependencies';

/** Mutations that write their own audit entry: auditing them again would record everything twice. */
const SELF_AUDITED_MUTATIONS: ReadonlySet<string> = new Set(['recordAuditEntry', 'authenticate']);

type AuditDependencies = Pick<SubgraphDependencies, 'eventStore' | 'clock' | 'logger' | 'waitForReadModels'>;

/**
 * Field middleware that appends an audit entry for every mutation of a subgraph once its resolver
 * has settled (success, failure or refusal), before the answer leaves the subgraph. Put it first
 * in `middleware`, so it also sees the refusals of the permission and compliance layers inside it.
 *
 * An entry that cannot be appended turns a successful mutation into an AUDIT_UNAVAILABLE error:
 * an unaudited change must not be confirmed to the client. The change itself may have been saved
 * (its events were appended before the audit entry), which the error message says. A mutation
 * that failed anyway keeps its own error, and the lost entry is logged.
 *
 * It is written as a middleware function (not a `{ Mutation: … }` type map) because
 * graphql-middleware refuses a type map naming a type the schema lacks, and not every subgraph
 * has mutations; fields of other types pass straight through without an await.
 */
export function auditMutations(deps: AuditDependencies, subgraph: string): IMiddleware<unknown, SubgraphContext, Record<string, unknown>> {
  // Looked up at the first mutation: building the schema (e.g. for composition) touches no store.
  let batcher: AuditAppendBatcher | undefined;
  return (resolve, parent, args, context, info) => {
    if (info.parentType !== info.schema.getMutationType() || SELF_AUDITED_MUTATIONS.has(info.fieldName)) {
      return resolve(parent, args, context, info);
    }
    batcher ??= auditBatcherFor(deps.eventStore);
    return auditedResolve(deps, batcher, subgraph, () => resolve(parent, args, context, info), args, context, info);
  };
}

async function auditedResolve(
  deps: AuditDependencies,
  batcher: AuditAppendBatcher,
  subgraph: string,
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
  const entry = describeMutation({
    subgraph,
    fieldName: info.fieldName,
    returnTypeName: getNamedType(info.returnType).name,
    args: args ?? {},
    auth: context.auth,
    correlationId: context.correlationId,
    time: deps.clock(),
    result,
    error,
  });
  try {
    const appended = await batcher.append(entry, context.requestId);
    // So that auditTrail right after the mutation shows it; the entry is durable either way.
    await deps.waitForReadModels(appended.position).catch((lagging: unknown) => deps.logger.warn({ err: lagging, action: entry.action }, 'audit read model lagging'));
  } catch (auditError) {
    deps.logger.error({ err: auditError, entry }, 'audit entry could not be appended');
    if (!threw && !(result instanceof Error)) throw auditUnavailable(context.correlationId);
  }
  if (threw) throw error;
  return result;
}

function auditUnavailable(correlationId: string) {
  return platformError(
    ErrorCode.AuditUnavailable,
    'The change may have been saved, but its audit entry could not be written, so it is not confirmed: check its state before retrying, and tell your administrator that the audit trail is failing.',
    { correlationId },
  );
}
