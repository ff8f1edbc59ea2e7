import { DomainError, type Decider } from '../../../../platform/commands/decider';
import { ErrorCode } from '../../../../platform/errors';
import type { AppealDecision, FlagReason, ModeratedContent, ModerationAction, ModerationEvent } from '../../../../schema/events';
import { marksAfterAction, moderationStatusOf, type ModerationMarks } from '../../../../schema/read-models/forum';
import { memberKey, type Member } from './member';

/** Flags from this many members hide the content until a moderator reviews it (Discourse's default is 3). */
export const FLAGS_TO_HIDE = 3;

interface ActionTaken {
  readonly action: ModerationAction;
  readonly appealId: string | null;
}

interface Appeal {
  readonly moderationId: string;
  readonly resolved: boolean;
}

export interface ModerationState extends ModerationMarks {
  readonly content: ModeratedContent | null;
  /** Every member who ever flagged the content: one flag per member. */
  readonly flaggers: ReadonlySet<string>;
  /** Flags since the last moderator action: what the moderation queue waits on. */
  readonly pendingFlags: number;
  readonly authorBanned: boolean;
  readonly actions: ReadonlyMap<string, ActionTaken>;
  readonly appeals: ReadonlyMap<string, Appeal>;
}

export type ModerationCommand =
  | { readonly type: 'FlagContent'; readonly content: ModeratedContent; readonly flagger: Member; readonly reason: FlagReason; readonly note: string; readonly at: string }
  | { readonly type: 'ModerateContent'; readonly moderationId: string; readonly content: ModeratedContent; readonly action: ModerationAction; readonly reason: string; readonly moderatorId: string; readonly at: string }
  | { readonly type: 'AppealModeration'; readonly contentId: string; readonly appealId: string; readonly moderationId: string; readonly appellant: Member; readonly statement: string; readonly at: string }
  | {
      readonly type: 'ResolveAppeal';
      readonly contentId: string;
      readonly appealId: string;
      readonly decision: AppealDecision;
      readonly reason: string;
      readonly resolvedBy: string;
      /** The id of the RESTORE an OVERTURN records. */
      readonly restoreModerationId: string;
      readonly at: string;
    };

/** Whether anyone but the author and the moderators may see the content. */
export function isHidden(state: ModerationMarks): boolean {
  return moderationStatusOf(state) !== 'VISIBLE';
}

/**
 * The moderation of one piece of content: members flag it (once each; enough flags hide it
 * pending review), moderators act on it, its author appeals an action, a moderator upholds or
 * overturns the appeal (overturning restores the content).
 */
export const moderationDecider: Decider<ModerationState, ModerationCommand, ModerationEvent> = {
  initialState: () => ({
    content: null,
    flaggers: new Set(),
    pendingFlags: 0,
    hiddenPendingReview: false,
    hidden: false,
    removed: false,
    locked: false,
    authorBanned: false,
    actions: new Map(),
    appeals: new Map(),
  }),

  evolve(state, event) {
    const known = state.content ?? contentOf(event.data);
    switch (event.type) {
      case 'ContentFlagged':
        return { ...state, content: known, flaggers: new Set(state.flaggers).add(memberKey({ id: event.data.flaggedBy, tenantId: event.data.flaggerTenantId })), pendingFlags: state.pendingFlags + 1 };
      case 'ContentHiddenPendingReview':
        return { ...state, content: known, hiddenPendingReview: true };
      case 'ContentModerated': {
        const actions = new Map(state.actions).set(event.data.moderationId, { action: event.data.action, appealId: null });
        const authorBanned = event.data.action === 'BAN_AUTHOR' || (event.data.action !== 'RESTORE' && state.authorBanned);
        // A moderator's action reviews the pending flags, whatever it decides.
        return { ...state, ...marksAfterAction(state, event.data.action), content: known, actions, pendingFlags: 0, authorBanned };
      }
      case 'ModerationAppealed': {
        const taken = state.actions.get(event.data.moderationId);
        const actions = taken ? new Map(state.actions).set(event.data.moderationId, { ...taken, appealId: event.data.appealId }) : state.actions;
        return { ...state, content: known, actions, appeals: new Map(state.appeals).set(event.data.appealId, { moderationId: event.data.moderationId, resolved: false }) };
      }
      case 'AppealResolved':
        return { ...state, appeals: new Map(state.appeals).set(event.data.appealId, { moderationId: event.data.moderationId, resolved: true }) };
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'FlagContent': {
        if (state.flaggers.has(memberKey(command.flagger))) return [];
        const content = state.content ?? command.content;
        const flagged: ModerationEvent = { type: 'ContentFlagged', data: { ...content, flaggedBy: command.flagger.id, flaggerTenantId: command.flagger.tenantId, reason: command.reason, note: command.note, flaggedAt: command.at } };
        const flagCount = state.pendingFlags + 1;
        if (flagCount < FLAGS_TO_HIDE || isHidden(state)) return [flagged];
        return [flagged, { type: 'ContentHiddenPendingReview', data: { ...content, flagCount, hiddenAt: command.at } }];
      }
      case 'ModerateContent': {
        const content = state.content ?? command.content;
        if (command.action === 'LOCK' && content.contentType !== 'THREAD') throw new DomainError(ErrorCode.BadUserInput, `LOCK applies to threads; ${content.contentType.toLowerCase()} ${content.contentId} is not one (HIDE or REMOVE it instead).`, { field: 'action' });
        if (command.action === 'RESTORE' && !inForce(state)) throw new DomainError(ErrorCode.Conflict, `Nothing to restore on ${content.contentId}: it is neither hidden, removed, locked nor its author banned through it.`);
        return [{ type: 'ContentModerated', data: { ...content, moderationId: command.moderationId, action: command.action, reason: command.reason, moderatorId: command.moderatorId, moderatedAt: command.at } }];
      }
      case 'AppealModeration': {
        const taken = state.actions.get(command.moderationId);
        if (!taken || !state.content) throw new DomainError(ErrorCode.NotFound, `Moderation ${command.moderationId} does not exist.`);
        const author = { id: state.content.authorId, tenantId: state.content.authorTenantId };
        if (memberKey(author) !== memberKey(command.appellant)) throw new DomainError(ErrorCode.Forbidden, "Only the content's author may appeal its moderation.");
        if (taken.action === 'RESTORE') throw new DomainError(ErrorCode.BadUserInput, 'A RESTORE gave the content back; there is nothing to appeal.', { field: 'input.moderationId' });
        if (taken.appealId) throw new DomainError(ErrorCode.Conflict, `Moderation ${command.moderationId} has been appealed already (appeal ${taken.appealId}).`, { appealId: taken.appealId });
        return [{ type: 'ModerationAppealed', data: { ...state.content, appealId: command.appealId, moderationId: command.moderationId, action: taken.action, statement: command.statement, appealedAt: command.at } }];
      }
      case 'ResolveAppeal': {
        const appeal = state.appeals.get(command.appealId);
        if (!appeal || !state.content) throw new DomainError(ErrorCode.NotFound, `Appeal ${command.appealId} does not exist.`);
        if (appeal.resolved) throw new DomainError(ErrorCode.Conflict, `Appeal ${command.appealId} has been resolved already.`);
        const resolved: ModerationEvent = {
          type: 'AppealResolved',
          data: { ...state.content, appealId: command.appealId, moderationId: appeal.moderationId, decision: command.decision, reason: command.reason, resolvedBy: command.resolvedBy, resolvedAt: command.at },
        };
        if (command.decision === 'UPHOLD') return [resolved];
        const restored: ModerationEvent = {
          type: 'ContentModerated',
          data: { ...state.content, moderationId: command.restoreModerationId, action: 'RESTORE', reason: `Appeal ${command.appealId} overturned: ${command.reason}`, moderatorId: command.resolvedBy, moderatedAt: command.at },
        };
        return [resolved, restored];
      }
    }
  },
};

function inForce(state: ModerationState): boolean {
  return isHidden(state) || state.locked || state.authorBanned;
}

function contentOf(data: ModeratedContent): ModeratedContent {
  const { contentId, contentType, authorId, authorTenantId, forumId, threadId, algorithmId } = data;
  return { contentId, contentType, authorId, authorTenantId, forumId, threadId, algorithmId };
}
