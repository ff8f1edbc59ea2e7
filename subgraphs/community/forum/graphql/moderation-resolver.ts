import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { CommandCaller } from '../../../../platform/commands/command-caller';
import { executeCommand } from '../../../../platform/commands/execute-command';
import { notFound } from '../../../../platform/errors';
import { connectionOf } from '../../../../platform/graphql/connection';
import { assertPageSize } from '../../../../platform/graphql/page-info';
import { requireAuth, type SubgraphContext } from '../../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../../platform/graphql/subgraph-dependencies';
import type { ModeratedContent } from '../../../../schema/events';
import {
  MODERATION_ACTIONS_COLLECTION,
  MODERATION_APPEALS_COLLECTION,
  MODERATION_CASES_COLLECTION,
  type ModerationActionDocument,
  type ModerationAppealDocument,
  type ModerationCaseDocument,
} from '../../../../schema/read-models/forum';
import { plainText } from '../../content/markdown';
import { requireForum } from '../../../../platform/feature-flags';
import { communityMembers, moderations } from '../domain/command-handlers';
import { isHidden } from '../domain/moderation-decider';
import { actingTenantOf, memberOf } from '../../graphql/community-member';
import { locateContent } from './content-locator';
import { ModerationStatus } from './moderation-status';
import {
  AppealDecision,
  AppealModerationInput,
  AppealStatus,
  FlagContentInput,
  FlagReason,
  FlagResult,
  ModeratedContentRef,
  ModeratedContentType,
  Moderation,
  ModerationAction,
  ModerationAppeal,
  ModerationAppealConnection,
  ModerationCase,
  ModerationCaseConnection,
} from './moderation-types';
import { MAX_REASON, requireText } from './text-limits';

@Resolver()
export class ModerationResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => FlagResult, { description: 'Flags content for the moderators, once per member; enough flags hide it until a moderator reviews it.' })
  async flagContent(@Arg('input', () => FlagContentInput) input: FlagContentInput, @Ctx() context: SubgraphContext): Promise<FlagResult> {
    requireForum(this.deps.config);
    const flagger = memberOf(requireAuth(context), this.deps.config);
    const note = plainText(input.note).slice(0, MAX_REASON);
    const content = await locateContent(this.deps.readStore, input.contentId, input.contentType);
    const command = { type: 'FlagContent' as const, content, flagger, reason: input.reason, note, at: this.deps.clock().toISOString() };
    const result = await executeCommand(this.deps, callerOf(context), moderations, command, { tenantId: flagger.tenantId, target: content.contentId });
    return { contentId: content.contentId, contentType: content.contentType as ModeratedContentType, recorded: result.appended.length > 0, hidden: isHidden(result.state) };
  }

  @Mutation(() => Moderation, { description: 'A moderator acts on content; recorded in the operators\' audit trail.' })
  async moderateContent(
    @Arg('contentId', () => ID) contentId: string,
    @Arg('action', () => ModerationAction) action: ModerationAction,
    @Arg('reason', () => String) reason: string,
    @Arg('contentType', () => ModeratedContentType, { nullable: true }) contentType: ModeratedContentType | undefined,
    @Ctx() context: SubgraphContext,
  ): Promise<Moderation> {
    requireForum(this.deps.config);
    const auth = requireAuth(context);
    const why = plainText(requireText(reason, 'reason', MAX_REASON));
    const content = await locateContent(this.deps.readStore, contentId, contentType);
    const moderationId = randomUUID();
    const caller = callerOf(context);
    const tenantId = actingTenantOf(auth, this.deps.config);
    const at = this.deps.clock().toISOString();
    await executeCommand(this.deps, caller, moderations, { type: 'ModerateContent', moderationId, content, action, reason: why, moderatorId: auth.subject, at }, { tenantId, target: contentId });
    if (action === ModerationAction.BAN_AUTHOR || action === ModerationAction.RESTORE) {
      await this.setBan(caller, tenantId, action === ModerationAction.BAN_AUTHOR ? 'BanMember' : 'LiftBan', content, moderationId, why, at);
    }
    return toModeration(await this.actionById(moderationId));
  }

  @Mutation(() => ModerationAppeal, { description: "The content's author contests a moderator action, once." })
  async appealModeration(@Arg('input', () => AppealModerationInput) input: AppealModerationInput, @Ctx() context: SubgraphContext): Promise<ModerationAppeal> {
    requireForum(this.deps.config);
    const appellant = memberOf(requireAuth(context), this.deps.config);
    const statement = plainText(requireText(input.statement, 'input.statement', MAX_REASON));
    const moderation = await this.actionById(input.moderationId);
    const appealId = randomUUID();
    const command = { type: 'AppealModeration' as const, contentId: moderation.contentId, appealId, moderationId: moderation.id, appellant, statement, at: this.deps.clock().toISOString() };
    await executeCommand(this.deps, callerOf(context), moderations, command, { tenantId: appellant.tenantId, target: appealId });
    return toAppeal(await this.appealById(appealId));
  }

  @Mutation(() => ModerationAppeal, { description: 'A moderator upholds or overturns an appeal; OVERTURN restores the content.' })
  async resolveAppeal(
    @Arg('appealId', () => ID) appealId: string,
    @Arg('decision', () => AppealDecision) decision: AppealDecision,
    @Arg('reason', () => String) reason: string,
    @Ctx() context: SubgraphContext,
  ): Promise<ModerationAppeal> {
    requireForum(this.deps.config);
    const auth = requireAuth(context);
    const why = plainText(requireText(reason, 'reason', MAX_REASON));
    const appeal = await this.appealById(appealId);
    const caller = callerOf(context);
    const tenantId = actingTenantOf(auth, this.deps.config);
    const at = this.deps.clock().toISOString();
    const restoreModerationId = randomUUID();
    const command = { type: 'ResolveAppeal' as const, contentId: appeal.contentId, appealId, decision, reason: why, resolvedBy: auth.subject, restoreModerationId, at };
    await executeCommand(this.deps, caller, moderations, command, { tenantId, target: appealId });
    if (decision === AppealDecision.OVERTURN) await this.setBan(caller, tenantId, 'LiftBan', appeal, restoreModerationId, why, at);
    return toAppeal(await this.appealById(appealId));
  }

  @Query(() => ModerationCaseConnection, { description: 'Content waiting for a moderator (unreviewed flags or an open appeal), oldest first.' })
  async moderationQueue(
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
  ): Promise<ModerationCaseConnection> {
    requireForum(this.deps.config);
    assertPageSize(first);
    const page = await this.deps.readStore.collection<ModerationCaseDocument>(MODERATION_CASES_COLLECTION).find({ where: { inQueue: true }, sort: [{ field: 'queuedSince', direction: 'asc' }], first, after });
    const appeals = await Promise.all(page.items.map((item) => (item.openAppealId ? this.appealById(item.openAppealId) : undefined)));
    return connectionOf({ ...page, items: page.items.map((item, index) => ({ item, appeal: appeals[index] })) }, ({ item, appeal }) => toCase(item, appeal));
  }

  @Query(() => ModerationAppealConnection, { description: 'Appeals, oldest first; OPEN ones by default.' })
  async moderationAppeals(
    @Arg('status', () => AppealStatus, { nullable: true, defaultValue: AppealStatus.OPEN }) status: AppealStatus,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
  ): Promise<ModerationAppealConnection> {
    requireForum(this.deps.config);
    assertPageSize(first);
    const page = await this.deps.readStore.collection<ModerationAppealDocument>(MODERATION_APPEALS_COLLECTION).find({ where: { status }, sort: [{ field: 'appealedAt', direction: 'asc' }], first, after });
    return connectionOf(page, toAppeal);
  }

  /** A ban lives in the member's own stream, so it follows them to every thread; lifting it touches only a ban imposed through this content. */
  private async setBan(caller: CommandCaller, tenantId: string, type: 'BanMember' | 'LiftBan', content: ModeratedContent, moderationId: string, reason: string, at: string): Promise<void> {
    const member = { id: content.authorId, tenantId: content.authorTenantId };
    await executeCommand(this.deps, caller, communityMembers, { type, member, moderationId, contentId: content.contentId, reason, by: caller.actor, at }, { tenantId, target: content.authorId });
  }

  private async actionById(id: string): Promise<ModerationActionDocument> {
    const document = await this.deps.readStore.collection<ModerationActionDocument>(MODERATION_ACTIONS_COLLECTION).get(id);
    if (!document) throw notFound('Moderation', id);
    return document;
  }

  private async appealById(id: string): Promise<ModerationAppealDocument> {
    const document = await this.deps.readStore.collection<ModerationAppealDocument>(MODERATION_APPEALS_COLLECTION).get(id);
    if (!document) throw notFound('Appeal', id);
    return document;
  }
}

function contentRef(content: ModeratedContent): ModeratedContentRef {
  const { contentId, contentType, authorId, authorTenantId, forumId, threadId, algorithmId } = content;
  return { contentId, contentType: contentType as ModeratedContentType, authorId, authorTenantId, forumId, threadId, algorithmId };
}

function toModeration(document: ModerationActionDocument): Moderation {
  return { ...document, content: contentRef(document), action: document.action as ModerationAction };
}

function toAppeal(document: ModerationAppealDocument): ModerationAppeal {
  return { ...document, content: contentRef(document), action: document.action as ModerationAction, status: document.status as AppealStatus };
}

function toCase(document: ModerationCaseDocument, appeal: ModerationAppealDocument | undefined): ModerationCase {
  const counts = new Map<FlagReason, number>();
  for (const flag of document.pendingFlags) counts.set(flag.reason as FlagReason, (counts.get(flag.reason as FlagReason) ?? 0) + 1);
  return {
    content: contentRef(document),
    moderationStatus: document.moderationStatus as ModerationStatus,
    locked: document.locked,
    authorBanned: document.authorBanned,
    flagCount: document.pendingFlags.length,
    reasons: [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    flags: document.pendingFlags.map((flag) => ({ ...flag, reason: flag.reason as FlagReason })),
    totalFlags: document.totalFlags,
    openAppeal: appeal ? toAppeal(appeal) : null,
    lastModerationId: document.lastModerationId,
  };
}
