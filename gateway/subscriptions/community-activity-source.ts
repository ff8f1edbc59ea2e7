import { hasRole, type AuthContext } from '../../platform/auth/auth-context';
import type { EventStore, RecordedEvent } from '../../platform/eventstore/port';
import { badUserInput, notFound } from '../../platform/errors';
import {
  ALGORITHM_CATEGORY,
  algorithmStreamId,
  FORUM_ACTIVITY_TYPES,
  forumStreamId,
  MODERATION_CATEGORY,
  MODERATION_OUTCOME_TYPES,
  moderationStreamId,
  THREAD_CATEGORY,
  type AlgorithmEvent,
  type AlgorithmRated,
  type ModerationEvent,
} from '../../schema/events';
import type { TenantEventMessage } from '../../schema/graphql/tenant-event-message';
import { marksAfterAction, moderationStatusOf, UNMODERATED, type ModerationMarks } from '../../schema/read-models/forum';
import { subscribePaced, type SubscriberPace } from './subscriber-pace';
import { eventMessage } from './tenant-events-source';

/** Reviews of a listing: the moderators' decisions on its versions and its holders' ratings. */
const ALGORITHM_REVIEW_TYPES: readonly AlgorithmEvent['type'][] = ['AlgorithmVersionApproved', 'AlgorithmVersionRejected', 'AlgorithmRated'];
/** Seen only by the listing's own tenant and the moderators, as its unapproved versions are. */
const OWNER_ONLY_TYPES: readonly string[] = ['AlgorithmVersionRejected'];

/** What a subscriber follows (exactly one of the two), and who they are. */
export interface CommunityActivityRequest {
  readonly forumId?: string;
  readonly algorithmId?: string;
  readonly auth: AuthContext;
}

type Target = { readonly field: 'forumId'; readonly id: string } | { readonly field: 'algorithmId'; readonly id: string; readonly ownerTenantId: string };

/**
 * What happens around one forum (new threads and posts, moderation outcomes) or one marketplace
 * listing (reviews, ratings, moderation outcomes), for every tenant's users: forums and listings are
 * shared content. Content that moderation hides (a hidden thread's posts, a hidden listing's
 * ratings) goes out to moderators only; a listing's rejections only to its own tenant and the
 * moderators. Checked before the feed opens: exactly one of forumId and algorithmId, naming
 * something that exists and the caller may see (NOT_FOUND otherwise).
 */
export async function openCommunityActivity(eventStore: EventStore, request: CommunityActivityRequest): Promise<(signal: AbortSignal, pace: SubscriberPace) => AsyncGenerator<{ communityActivity: TenantEventMessage }>> {
  const target = await targetOf(eventStore, request);
  const moderator = isModerator(request.auth);
  const owner = target.field === 'algorithmId' && request.auth.tenantId === target.ownerTenantId;
  return (signal, pace) => activity(eventStore, target, { moderator, owner }, signal, pace);
}

async function targetOf(eventStore: EventStore, { forumId, algorithmId, auth }: CommunityActivityRequest): Promise<Target> {
  if ((forumId === undefined) === (algorithmId === undefined)) throw badUserInput('Give exactly one of forumId and algorithmId.');
  if (forumId !== undefined) {
    if ((await eventStore.readStream(forumStreamId(forumId))).length === 0) throw notFound('Forum', forumId);
    return { field: 'forumId', id: forumId };
  }
  const listing = (await eventStore.readStream(algorithmStreamId(algorithmId!))) as unknown as (RecordedEvent & AlgorithmEvent)[];
  const submitted = listing.find((event) => event.type === 'AlgorithmVersionSubmitted');
  const approved = listing.some((event) => event.type === 'AlgorithmVersionApproved');
  if (!submitted || submitted.type !== 'AlgorithmVersionSubmitted' || (!approved && !isModerator(auth) && auth.tenantId !== submitted.data.tenantId)) throw notFound('Algorithm', algorithmId!);
  return { field: 'algorithmId', id: algorithmId!, ownerTenantId: submitted.data.tenantId };
}

function isModerator(auth: AuthContext): boolean {
  return hasRole(auth, 'MODERATOR') || hasRole(auth, 'PLATFORM_ADMIN');
}

async function* activity(
  eventStore: EventStore,
  target: Target,
  viewer: { readonly moderator: boolean; readonly owner: boolean },
  signal: AbortSignal,
  pace: SubscriberPace,
): AsyncGenerator<{ communityActivity: TenantEventMessage }> {
  const filter =
    target.field === 'forumId'
      ? { categories: [THREAD_CATEGORY, MODERATION_CATEGORY], eventTypes: [...FORUM_ACTIVITY_TYPES, ...MODERATION_OUTCOME_TYPES] }
      : { categories: [ALGORITHM_CATEGORY, MODERATION_CATEGORY], eventTypes: [...ALGORITHM_REVIEW_TYPES, ...MODERATION_OUTCOME_TYPES] };
  const subscription = subscribePaced(eventStore, { after: await eventStore.headPosition(), filter }, signal, pace);
  try {
    for await (const event of subscription) {
      if ((event.data as Record<string, unknown>)[target.field] !== target.id) continue;
      if (!viewer.moderator && !viewer.owner && OWNER_ONLY_TYPES.includes(event.type)) continue;
      if (!viewer.moderator && (await hiddenByModeration(eventStore, event))) continue;
      yield { communityActivity: viewer.moderator ? eventMessage(event) : withoutRater(event) };
    }
  } finally {
    await subscription.close();
  }
}

/**
 * A rating names no rater to anyone but the moderators: only a licence holder rates, so the rater's
 * user and tenant would tell every subscriber (the listing's author among them) who bought it, and
 * purchases stay the buyer's own.
 */
function withoutRater(event: RecordedEvent): TenantEventMessage {
  const message = eventMessage(event);
  if (event.type !== 'AlgorithmRated') return message;
  const { raterId: _raterId, raterTenantId: _raterTenantId, ...rating } = (event as unknown as RecordedEvent & AlgorithmRated).data;
  return { ...message, actor: '', correlationId: '', data: rating };
}

/**
 * Whether the content an event shows is hidden by moderation now: the thread a post is in, or the
 * listing a review is of (folded from its `moderation-` stream). A moderation outcome shows no
 * content, only what was decided, and goes to everyone.
 */
async function hiddenByModeration(eventStore: EventStore, event: RecordedEvent): Promise<boolean> {
  if (event.streamId.startsWith(`${MODERATION_CATEGORY}-`)) return false;
  const data = event.data as { readonly threadId?: string; readonly algorithmId?: string };
  const containerId = data.threadId ?? data.algorithmId;
  if (containerId === undefined) return false;
  let marks: ModerationMarks = UNMODERATED;
  for (const stored of (await eventStore.readStream(moderationStreamId(containerId))) as unknown as (RecordedEvent & ModerationEvent)[]) {
    if (stored.type === 'ContentModerated') marks = marksAfterAction(marks, stored.data.action);
    else if (stored.type === 'ContentHiddenPendingReview') marks = { ...marks, hiddenPendingReview: true };
  }
  return moderationStatusOf(marks) !== 'VISIBLE';
}
