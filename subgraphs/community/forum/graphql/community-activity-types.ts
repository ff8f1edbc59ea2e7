import { ObjectType } from 'type-graphql';
import { EventFeedMessage } from '../../../../schema/graphql/event-feed-message';

@ObjectType({ description: 'Something that happened around a forum or a marketplace listing, as it was recorded.' })
export class CommunityActivity extends EventFeedMessage(
  'CommunityActivity',
  'A forum: ThreadStarted, PostReplied; a listing: AlgorithmVersionApproved, AlgorithmVersionRejected (its own tenant and moderators only), AlgorithmRated; both: ContentModerated, ContentHiddenPendingReview.',
) {}

/** Executed by the gateway's graphql-ws endpoint from the event store (gateway/subscriptions/community-activity-source.ts). */
export const COMMUNITY_ACTIVITY_SUBSCRIPTION_SDL = `
type Subscription {
  "New threads and posts in a forum, or reviews and ratings of a marketplace listing, and the moderation outcomes on either, from every tenant. Give exactly one of forumId and algorithmId. Content hidden by moderation goes to moderators only. Served over graphql-ws at the gateway's /graphql."
  communityActivity(forumId: ID, algorithmId: ID): CommunityActivity!
}
`;
