import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { auditBatcherFor, InvalidAuditEntryError, redactForAudit, verifyAuditChain, type AuditRedactionLimits } from '../../../../platform/audit';
import type { InputLimits } from '../../../../platform/config';
import { badUserInput } from '../../../../platform/errors';
import { connectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requireTenantAccess, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { requireTrailReader } from './trail-access';
import type { SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { AUDIT_ENTRIES_COLLECTION, type AuditEntryDocument } from '../../../../schema/read-models/audit';
import { AuditChainVerification, AuditEntry, AuditEntryConnection, AuditTrailFilter, RecordAuditEntryInput } from './audit-types';

@Resolver(() => AuditEntry)
export class AuditResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => AuditEntryConnection, { description: "A tenant's audit entries, oldest first, narrowed by actor, action and time." })
  async auditTrail(
    @Arg('tenantId', () => ID) tenantId: string,
    @Ctx() context: SubgraphContext,
    @Arg('filter', () => AuditTrailFilter, { nullable: true }) filter?: AuditTrailFilter,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<AuditEntryConnection> {
    requireTrailReader(context, this.deps, tenantId);
    assertPageSize(first);
    const page = await this.deps.readStore.collection<AuditEntryDocument>(AUDIT_ENTRIES_COLLECTION).find({
      where: {
        tenantId,
        ...(filter?.actor && { actor: filter.actor }),
        ...(filter?.action && { action: filter.action }),
        ...((filter?.from || filter?.to) && { time: { ...(filter.from && { gte: new Date(filter.from).toISOString() }), ...(filter.to && { lte: new Date(filter.to).toISOString() }) } }),
      },
      sort: [{ field: 'sequence', direction: 'asc' }],
      first,
      after: after ?? undefined,
    });
    return connectionOf(page, (document) => document);
  }

  @Query(() => AuditChainVerification, { description: "Walks the tenant's audit chain in the event log and names the first entry that does not verify." })
  async verifyAuditChain(@Arg('tenantId', () => ID) tenantId: string, @Ctx() context: SubgraphContext): Promise<AuditChainVerification> {
    requireTrailReader(context, this.deps, tenantId);
    // The integrity check reads the log itself: a read model could not reveal tampering with it.
    return verifyAuditChain(this.deps.eventStore, tenantId);
  }

  @Mutation(() => AuditEntry, { description: "The seed's audit_log(user_id, action, details): appends an entry to the tenant's chain." })
  async recordAuditEntry(@Arg('input', () => RecordAuditEntryInput) input: RecordAuditEntryInput, @Ctx() context: SubgraphContext): Promise<AuditEntry> {
    const auth = requireTenantAccess(context, input.tenantId);
    if (input.action.trim().length === 0) throw badUserInput('An audit entry needs an action.', 'action');
    if (input.details !== undefined && (input.details === null || typeof input.details !== 'object' || Array.isArray(input.details))) {
      throw badUserInput('details must be a JSON object.', 'details');
    }
    try {
      const appended = await auditBatcherFor(this.deps.eventStore).append({
        actor: auth.subject,
        tenantId: input.tenantId,
        action: input.action.trim(),
        target: input.target,
        outcome: 'success',
        correlationId: context.correlationId,
        time: this.deps.clock().toISOString(),
        details: redactForAudit(input.details ?? {}, clientDetailLimits(this.deps.config.inputLimits)),
      });
      await this.deps.waitForReadModels(appended.position);
      return appended.data;
    } catch (error) {
      if (error instanceof InvalidAuditEntryError) throw badUserInput(error.message);
      throw error;
    }
  }
}

/**
 * A client's own entry is redacted as automatic entries are (a secret pasted into details would
 * otherwise stay in the append-only chain forever), but it is not cut down: the input limits have
 * already refused details too large or too deep to keep, so what passes is kept whole.
 */
function clientDetailLimits(limits: InputLimits): AuditRedactionLimits {
  return { maxStringLength: limits.maxStringLength, maxArrayItems: limits.maxListLength, maxObjectKeys: Number.POSITIVE_INFINITY, maxDepth: limits.maxJsonDepth };
}
