import type { CommunityEventOrganized } from '../events/community-event-events';
import type { FlagReason, ModeratedContent, ModeratedContentType, ModerationAction } from '../events/moderation-events';

/** How moderation left a piece of content: visible, hidden pending review (flags), hidden or removed by a moderator. */
export type ModerationStatus = 'VISIBLE' | 'PENDING_REVIEW' | 'HIDDEN' | 'REMOVED';

/** What moderation has in force on a piece of content, as its read-model documents keep it. */
export interface ModerationMarks {
  readonly hiddenPendingReview: boolean;
  readonly hidden: boolean;
  readonly removed: boolean;
  readonly locked: boolean;
}

export const UNMODERATED: ModerationMarks = { hiddenPendingReview: false, hidden: false, removed: false, locked: false };

/** The marks after a moderator's action: any action reviews the flags; RESTORE lifts everything. */
export function marksAfterAction(marks: ModerationMarks, action: ModerationAction): ModerationMarks {
  const reviewed = { ...marks, hiddenPendingReview: false };
  switch (action) {
    case 'HIDE':
      return { ...reviewed, hidden: true };
    case 'REMOVE':
      return { ...reviewed, removed: true };
    case 'LOCK':
      return { ...reviewed, locked: true };
    case 'BAN_AUTHOR':
      return reviewed;
    case 'RESTORE':
      return UNMODERATED;
  }
}

export function moderationStatusOf(marks: ModerationMarks): ModerationStatus {
  if (marks.removed) return 'REMOVED';
  if (marks.hidden) return 'HIDDEN';
  return marks.hiddenPendingReview ? 'PENDING_REVIEW' : 'VISIBLE';
}

/** Each forum (`forumId`), shared by every tenant. */
export const FORUMS_COLLECTION = 'community_forums';

export interface ForumDocument {
  readonly id: string;
  readonly name: string;
  readonly slug: string;
  readonly description: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly threadCount: number;
  readonly postCount: number;
  readonly lastActivityAt: string;
  readonly [field: string]: unknown;
}

/** Each thread (`threadId`), newest activity first in its forum. */
export const FORUM_THREADS_COLLECTION = 'forum_threads';

export interface ForumThreadDocument extends ModerationMarks {
  readonly id: string;
  readonly forumId: string;
  readonly title: string;
  readonly openingPostId: string;
  readonly authorId: string;
  readonly authorTenantId: string;
  readonly startedAt: string;
  readonly lastPostAt: string;
  /** Posts after the opening one. */
  readonly replyCount: number;
  readonly acceptedPostId: string | null;
  readonly moderationStatus: ModerationStatus;
  readonly [field: string]: unknown;
}

/** Each post (`postId`), the opening post of a thread included, in log order within its thread. */
export const FORUM_POSTS_COLLECTION = 'forum_posts';

export interface ForumPostDocument extends ModerationMarks {
  readonly id: string;
  readonly threadId: string;
  readonly forumId: string;
  /** Sanitised HTML. */
  readonly bodyHtml: string;
  readonly authorId: string;
  readonly authorTenantId: string;
  readonly postedAt: string;
  /** The log position it was posted at: the thread's order. */
  readonly sequence: number;
  readonly isOpeningPost: boolean;
  readonly accepted: boolean;
  readonly moderationStatus: ModerationStatus;
  readonly [field: string]: unknown;
}

/**
 * Each moderated or flagged piece of content (`contentId`): its flags, what is in force, and whether
 * it waits in the moderators' queue (unreviewed flags, or an open appeal), oldest first.
 */
export const MODERATION_CASES_COLLECTION = 'moderation_cases';

export interface FlagRecord {
  readonly flaggedBy: string;
  readonly flaggerTenantId: string;
  readonly reason: FlagReason;
  readonly note: string;
  readonly flaggedAt: string;
}

export interface ModerationCaseDocument extends ModeratedContent, ModerationMarks {
  readonly id: string;
  readonly contentType: ModeratedContentType;
  readonly moderationStatus: ModerationStatus;
  readonly authorBanned: boolean;
  /** Flags no moderator has reviewed yet, oldest first. */
  readonly pendingFlags: readonly FlagRecord[];
  readonly totalFlags: number;
  readonly openAppealId: string | null;
  readonly inQueue: boolean;
  /** The log position at which it last entered the queue (indexed: the queue's order). */
  readonly queuedSince: number;
  readonly lastModerationId: string | null;
  readonly [field: string]: unknown;
}

/** Each moderator action (`moderationId`), with the appeal against it if any. */
export const MODERATION_ACTIONS_COLLECTION = 'moderation_actions';

export interface ModerationActionDocument extends ModeratedContent {
  readonly id: string;
  readonly action: ModerationAction;
  readonly reason: string;
  readonly moderatorId: string;
  readonly moderatedAt: string;
  readonly appealId: string | null;
  readonly [field: string]: unknown;
}

export type AppealStatus = 'OPEN' | 'UPHELD' | 'OVERTURNED';

/** Each appeal (`appealId`) against a moderator action. */
export const MODERATION_APPEALS_COLLECTION = 'moderation_appeals';

export interface ModerationAppealDocument extends ModeratedContent {
  readonly id: string;
  readonly moderationId: string;
  readonly action: ModerationAction;
  readonly statement: string;
  readonly appealedAt: string;
  readonly status: AppealStatus;
  readonly resolvedBy: string | null;
  readonly resolution: string | null;
  readonly resolvedAt: string | null;
  readonly [field: string]: unknown;
}

/** Each community event (`eventId`), with its seat counts. */
export const COMMUNITY_EVENTS_COLLECTION = 'community_events';

export type CommunityEventDocument = Omit<CommunityEventOrganized['data'], 'eventId'> & {
  readonly id: string;
  readonly confirmedCount: number;
  readonly waitlistCount: number;
  readonly [field: string]: unknown;
};

export type RsvpStatus = 'CONFIRMED' | 'WAITLISTED' | 'CANCELLED';

/** Each member's RSVP to an event (`rsvpDocumentId`). */
export const COMMUNITY_EVENT_RSVPS_COLLECTION = 'community_event_rsvps';

export const rsvpDocumentId = (eventId: string, attendeeTenantId: string, attendeeId: string): string => `${eventId}:${attendeeTenantId}:${attendeeId}`;

export interface RsvpDocument {
  readonly id: string;
  readonly eventId: string;
  readonly attendeeId: string;
  readonly attendeeTenantId: string;
  readonly status: RsvpStatus;
  /** The log position at which it joined the waitlist: the waitlist's order (null when never waitlisted). */
  readonly waitlistedAt: number | null;
  readonly respondedAt: string;
  readonly [field: string]: unknown;
}
