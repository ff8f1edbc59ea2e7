import { CommunityEventResolver } from './community-event-resolver';
import { ForumResolver } from './forum-resolver';
import { ModerationResolver } from './moderation-resolver';

/** The resolver classes of the community's forum (forums, threads, posts, moderation, community events), registered by subgraphs/community/server.ts. */
export const FORUM_RESOLVERS: Function[] = [ForumResolver, ModerationResolver, CommunityEventResolver];
