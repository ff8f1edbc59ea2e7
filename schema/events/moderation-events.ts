import type { DomainEvent } from '../../platform/commands/decider';

/**
 * Moderation of one piece of community content, `moderation-<contentId>` (Discourse's model):
 * users' flags, moderators' actions, and the author's appeals against them. The content itself
 * lives in its own stream (a thread's, a listing's); its moderation is kept apart so that every
 * kind of content is moderated the same way and no other aggregate has to fold these events.
 * A ban is kept per member, `communitymember-<memberKey>`, so a post is refused wherever it goes.
 */
export const MODERATION_CATEGORY = 'moderation';
export const moderationStreamId = (contentId: string): string => `${MODERATION_CATEGORY}-${contentId}`;
export const COMMUNITY_MEMBER_CATEGORY = 'communitymember';
export const communityMemberStreamId = (memberKey: string): string => `${COMMUNITY_MEMBER_CATEGORY}-${memberKey}`;

export const MODERATED_CONTENT_TYPES = ['THREAD', 'POST', 'ALGORITHM', 'TUTORIAL'] as const;
export type ModeratedContentType = (typeof MODERATED_CONTENT_TYPES)[number];
export const FLAG_REASONS = ['SPAM', 'OFFENSIVE', 'OFF_TOPIC', 'OTHER'] as const;
export type FlagReason = (typeof FLAG_REASONS)[number];
export const MODERATION_ACTIONS = ['HIDE', 'REMOVE', 'LOCK', 'RESTORE', 'BAN_AUTHOR'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];
export const APPEAL_DECISIONS = ['UPHOLD', 'OVERTURN'] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];

/**
 * What is moderated, and where it sits: the forum and thread of a post or thread, the listing of
 * an algorithm, so a feed on a forum or an algorithm (communityActivity) finds its outcomes.
 */
export interface ModeratedContent {
  readonly contentId: string;
  readonly contentType: ModeratedContentType;
  readonly authorId: string;
  readonly authorTenantId: string;
  readonly forumId: string | null;
  readonly threadId: string | null;
  readonly algorithmId: string | null;
}

export type ContentFlagged = DomainEvent<'ContentFlagged', ModeratedContent & {
  readonly flaggedBy: string;
  readonly flaggerTenantId: string;
  readonly reason: FlagReason;
  readonly note: string;
  readonly flaggedAt: string;
}>;

/** Enough users flagged the content: it is hidden until a moderator reviews it. */
export type ContentHiddenPendingReview = DomainEvent<'ContentHiddenPendingReview', ModeratedContent & { readonly flagCount: number; readonly hiddenAt: string }>;

export type ContentModerated = DomainEvent<'ContentModerated', ModeratedContent & {
  readonly moderationId: string;
  readonly action: ModerationAction;
  readonly reason: string;
  readonly moderatorId: string;
  readonly moderatedAt: string;
}>;

/** The content's author contests a moderation action. */
export type ModerationAppealed = DomainEvent<'ModerationAppealed', ModeratedContent & {
  readonly appealId: string;
  readonly moderationId: string;
  readonly action: ModerationAction;
  readonly statement: string;
  readonly appealedAt: string;
}>;

/** A moderator's answer to an appeal; OVERTURN comes with the ContentModerated RESTORE that undoes the action. */
export type AppealResolved = DomainEvent<'AppealResolved', ModeratedContent & {
  readonly appealId: string;
  readonly moderationId: string;
  readonly decision: AppealDecision;
  readonly reason: string;
  readonly resolvedBy: string;
  readonly resolvedAt: string;
}>;

export type ModerationEvent = ContentFlagged | ContentHiddenPendingReview | ContentModerated | ModerationAppealed | AppealResolved;

interface MemberModeration {
  readonly memberId: string;
  readonly memberTenantId: string;
  /** The action that banned the member (or lifted the ban), and the content it was taken on. */
  readonly moderationId: string;
  readonly contentId: string;
  readonly reason: string;
}

/** A member may not post while banned. */
export type CommunityMemberBanned = DomainEvent<'CommunityMemberBanned', MemberModeration & { readonly bannedBy: string; readonly bannedAt: string }>;
/** Restoring the content a ban was imposed on (or overturning it on appeal) lifts the ban. */
export type CommunityMemberUnbanned = DomainEvent<'CommunityMemberUnbanned', MemberModeration & { readonly unbannedBy: string; readonly unbannedAt: string }>;

export type CommunityMemberEvent = CommunityMemberBanned | CommunityMemberUnbanned;

/** Moderation outcomes: what the communityActivity subscription carries of moderation (an overturned appeal restores with a ContentModerated). */
export const MODERATION_OUTCOME_TYPES: readonly ModerationEvent['type'][] = ['ContentModerated', 'ContentHiddenPendingReview'];

export const MODERATION_EVENT_VERSIONS: Readonly<Record<ModerationEvent['type'] | CommunityMemberEvent['type'], number>> = {
  ContentFlagged: 1,
  ContentHiddenPendingReview: 1,
  ContentModerated: 1,
  ModerationAppealed: 1,
  AppealResolved: 1,
  CommunityMemberBanned: 1,
  CommunityMemberUnbanned: 1,
};
