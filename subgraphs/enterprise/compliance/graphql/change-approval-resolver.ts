import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Query, Mutation, Resolver } from 'type-graphql';
import { loadState } from '../../../../platform/commands/command-handler';
import { notFound } from '../../../../platform/errors';
import { requireTenantAccess, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import { changeApprovalStreamId } from '../../../../schema/events';
import { CHANGE_APPROVALS_COLLECTION, type ChangeApprovalDocument } from '../../../../schema/read-models/compliance';
import { changeApprovalDecider } from '../domain/change-approval-decider';
import { changeApprovals } from '../domain/command-handlers';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { toChangeApproval } from './compliance-documents';
import { ChangeApproval, RequestChangeApprovalInput } from './compliance-types';

const MAX_APPROVALS_LISTED = 100;

@Resolver()
export class ChangeApprovalResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Query(() => [ChangeApproval], { description: `The tenant's change approvals, newest first (at most ${MAX_APPROVALS_LISTED}).` })
  async changeApprovals(@Arg('tenantId', () => ID) tenantId: string, @Ctx() context: SubgraphContext): Promise<ChangeApproval[]> {
    requireTenantAccess(context, tenantId);
    const page = await this.deps.readStore
      .collection<ChangeApprovalDocument>(CHANGE_APPROVALS_COLLECTION)
      .find({ where: { tenantId }, sort: [{ field: 'requestedAt', direction: 'desc' }], first: MAX_APPROVALS_LISTED });
    const now = this.deps.clock();
    return page.items.map((document) => toChangeApproval(document, now));
  }

  @Mutation(() => ChangeApproval, { description: 'Asks for approval of a constraint or scaling-policy change (SOC2 CC8.1); another user approves it.' })
  async requestChangeApproval(@Arg('input', () => RequestChangeApprovalInput) input: RequestChangeApprovalInput, @Ctx() context: SubgraphContext): Promise<ChangeApproval> {
    const auth = requireTenantAccess(context, input.tenantId);
    const approvalId = randomUUID();
    await executeCommand(this.deps, callerOf(context), changeApprovals, {
      type: 'RequestChangeApproval',
      approvalId,
      tenantId: input.tenantId,
      operation: input.operation,
      target: input.target ?? undefined,
      reason: input.reason,
      requestedBy: auth.subject,
      requestedAt: this.deps.clock().toISOString(),
    }, { tenantId: input.tenantId });
    return this.readApproval(approvalId);
  }

  @Mutation(() => ChangeApproval, { description: 'Approves a requested change; refused (FORBIDDEN) for the user who requested it.' })
  async approveChange(@Arg('tenantId', () => ID) tenantId: string, @Arg('approvalId', () => ID) approvalId: string, @Ctx() context: SubgraphContext): Promise<ChangeApproval> {
    const auth = requireTenantAccess(context, tenantId);
    const state = await loadState(this.deps, changeApprovalDecider, changeApprovalStreamId(approvalId));
    if (state.status === 'absent' || state.tenantId !== tenantId) throw notFound('Change approval', approvalId);
    await executeCommand(this.deps, callerOf(context), changeApprovals, {
      type: 'ApproveChange',
      approvalId,
      approvedBy: auth.subject,
      approvedAt: this.deps.clock().toISOString(),
    }, { tenantId });
    return this.readApproval(approvalId);
  }

  private async readApproval(approvalId: string): Promise<ChangeApproval> {
    const document = await this.deps.readStore.collection<ChangeApprovalDocument>(CHANGE_APPROVALS_COLLECTION).get(approvalId);
    if (!document) throw notFound('Change approval', approvalId);
    return toChangeApproval(document, this.deps.clock());
  }
}
