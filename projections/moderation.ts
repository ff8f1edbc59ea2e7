import { MODERATION_CATEGORY, type ModeratedContent, type ModerationEvent } from '../schema/events';
import {
  marksAfterAction,
  MODERATION_ACTIONS_COLLECTION,
  MODERATION_APPEALS_COLLECTION,
  MODERATION_CASES_COLLECTION,
  moderationStatusOf,
  UNMODERATED,
  type ModerationActionDocument,
  type ModerationAppealDocument,
  type ModerationCaseDocument,
  type ModerationMarks,
} from '../schema/read-models/forum';
import type { Projection } from './projection';

/** The moderators' view: each case with its flags and what is in force (the queue), each action, each appeal. */
export const moderationProjection: Projection = {
  name: 'moderation',
  collections: [
    { name: MODERATION_CASES_COLLECTION, indexes: ['inQueue', 'queuedSince', 'authorId'] },
    { name: MODERATION_ACTIONS_COLLECTION, indexes: ['contentId'] },
    { name: MODERATION_APPEALS_COLLECTION, indexes: ['status', 'contentId', 'appealedAt'] },
  ],
  filter: { categories: [MODERATION_CATEGORY] },
  async handle(recorded, context) {
    const event = recorded as unknown as ModerationEvent;
    const current = (await context.get<ModerationCaseDocument>(MODERATION_CASES_COLLECTION, event.data.contentId)) ?? newCase(event.data);
    const queued = (update: Partial<ModerationCaseDocument>): ModerationCaseDocument => {
      const next = { ...current, ...update };
      const inQueue = next.pendingFlags.length > 0 || next.openAppealId !== null;
      return { ...next, inQueue, queuedSince: inQueue && !current.inQueue ? recorded.position : next.queuedSince, moderationStatus: moderationStatusOf(next) };
    };
    switch (event.type) {
      case 'ContentFlagged': {
        const { flaggedBy, flaggerTenantId, reason, note, flaggedAt } = event.data;
        context.upsert(MODERATION_CASES_COLLECTION, queued({ pendingFlags: [...current.pendingFlags, { flaggedBy, flaggerTenantId, reason, note, flaggedAt }], totalFlags: current.totalFlags + 1 }));
        return;
      }
      case 'ContentHiddenPendingReview':
        context.upsert(MODERATION_CASES_COLLECTION, queued({ hiddenPendingReview: true }));
        return;
      case 'ContentModerated': {
        const { moderationId, action, reason, moderatorId, moderatedAt } = event.data;
        const marks: ModerationMarks = marksAfterAction(current, action);
        const authorBanned = action === 'BAN_AUTHOR' ? true : action === 'RESTORE' ? false : current.authorBanned;
        context.upsert(MODERATION_CASES_COLLECTION, queued({ ...marks, authorBanned, pendingFlags: [], lastModerationId: moderationId }));
        const document: ModerationActionDocument = { id: moderationId, ...contentOf(event.data), action, reason, moderatorId, moderatedAt, appealId: null };
        context.upsert(MODERATION_ACTIONS_COLLECTION, document);
        return;
      }
      case 'ModerationAppealed': {
        const { appealId, moderationId, action, statement, appealedAt } = event.data;
        const appeal: ModerationAppealDocument = { id: appealId, ...contentOf(event.data), moderationId, action, statement, appealedAt, status: 'OPEN', resolvedBy: null, resolution: null, resolvedAt: null };
        context.upsert(MODERATION_APPEALS_COLLECTION, appeal);
        context.patch(MODERATION_ACTIONS_COLLECTION, moderationId, { appealId });
        context.upsert(MODERATION_CASES_COLLECTION, queued({ openAppealId: appealId }));
        return;
      }
      case 'AppealResolved': {
        const { appealId, decision, reason, resolvedBy, resolvedAt } = event.data;
        context.patch(MODERATION_APPEALS_COLLECTION, appealId, { status: decision === 'UPHOLD' ? 'UPHELD' : 'OVERTURNED', resolvedBy, resolution: reason, resolvedAt });
        context.upsert(MODERATION_CASES_COLLECTION, queued({ openAppealId: current.openAppealId === appealId ? null : current.openAppealId }));
      }
    }
  },
};

function newCase(data: ModeratedContent): ModerationCaseDocument {
  return { id: data.contentId, ...contentOf(data), ...UNMODERATED, moderationStatus: 'VISIBLE', authorBanned: false, pendingFlags: [], totalFlags: 0, openAppealId: null, inQueue: false, queuedSince: 0, lastModerationId: null };
}

function contentOf(data: ModeratedContent): ModeratedContent {
  const { contentId, contentType, authorId, authorTenantId, forumId, threadId, algorithmId } = data;
  return { contentId, contentType, authorId, authorTenantId, forumId, threadId, algorithmId };
}
