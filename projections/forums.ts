import type { RecordedEvent } from '../platform/eventstore/port';
import { FORUM_CATEGORY, MODERATION_CATEGORY, THREAD_CATEGORY, type ForumEvent, type ModerationEvent, type ThreadEvent } from '../schema/events';
import {
  FORUM_POSTS_COLLECTION,
  FORUM_THREADS_COLLECTION,
  FORUMS_COLLECTION,
  marksAfterAction,
  moderationStatusOf,
  UNMODERATED,
  type ForumDocument,
  type ForumPostDocument,
  type ForumThreadDocument,
  type ModerationMarks,
} from '../schema/read-models/forum';
import type { Projection, ProjectionContext } from './projection';

type Folded = ForumEvent | ThreadEvent | Extract<ModerationEvent, { type: 'ContentModerated' | 'ContentHiddenPendingReview' }>;

/** Forums, their threads and posts, with what moderation has in force on each thread and post. */
export const forumsProjection: Projection = {
  name: 'forums',
  collections: [
    { name: FORUMS_COLLECTION, indexes: ['slug', 'name'] },
    { name: FORUM_THREADS_COLLECTION, indexes: ['forumId', 'lastPostAt'] },
    { name: FORUM_POSTS_COLLECTION, indexes: ['threadId', 'sequence'] },
  ],
  filter: {
    categories: [FORUM_CATEGORY, THREAD_CATEGORY, MODERATION_CATEGORY],
    eventTypes: ['ForumCreated', 'ThreadStarted', 'PostReplied', 'AnswerAccepted', 'ContentModerated', 'ContentHiddenPendingReview'],
  },
  async handle(recorded, context) {
    const event = recorded as unknown as Folded;
    switch (event.type) {
      case 'ForumCreated': {
        const { forumId, ...forum } = event.data;
        const document: ForumDocument = { id: forumId, ...forum, threadCount: 0, postCount: 0, lastActivityAt: forum.createdAt };
        context.upsert(FORUMS_COLLECTION, document);
        return;
      }
      case 'ThreadStarted': {
        const { threadId, forumId, title, postId, bodyHtml, authorId, authorTenantId, startedAt } = event.data;
        const thread: ForumThreadDocument = { id: threadId, forumId, title, openingPostId: postId, authorId, authorTenantId, startedAt, lastPostAt: startedAt, replyCount: 0, acceptedPostId: null, ...UNMODERATED, moderationStatus: 'VISIBLE' };
        context.upsert(FORUM_THREADS_COLLECTION, thread);
        context.upsert(FORUM_POSTS_COLLECTION, post(recorded, { postId, threadId, forumId, bodyHtml, authorId, authorTenantId, postedAt: startedAt }, true));
        await countInForum(context, forumId, startedAt, 1);
        return;
      }
      case 'PostReplied': {
        const thread = await context.get<ForumThreadDocument>(FORUM_THREADS_COLLECTION, event.data.threadId);
        if (thread) context.patch(FORUM_THREADS_COLLECTION, thread.id, { replyCount: thread.replyCount + 1, lastPostAt: event.data.postedAt });
        context.upsert(FORUM_POSTS_COLLECTION, post(recorded, event.data, false));
        await countInForum(context, event.data.forumId, event.data.postedAt, 0);
        return;
      }
      case 'AnswerAccepted':
        context.patch(FORUM_THREADS_COLLECTION, event.data.threadId, { acceptedPostId: event.data.postId });
        context.patch(FORUM_POSTS_COLLECTION, event.data.postId, { accepted: true });
        return;
      case 'ContentModerated':
      case 'ContentHiddenPendingReview': {
        const collection = event.data.contentType === 'THREAD' ? FORUM_THREADS_COLLECTION : event.data.contentType === 'POST' ? FORUM_POSTS_COLLECTION : undefined;
        if (!collection) return;
        const current = await context.get<ForumThreadDocument | ForumPostDocument>(collection, event.data.contentId);
        if (!current) return;
        const marks: ModerationMarks = event.type === 'ContentModerated' ? marksAfterAction(current, event.data.action) : { ...current, hiddenPendingReview: true };
        const { hiddenPendingReview, hidden, removed, locked } = marks;
        context.patch(collection, current.id, { hiddenPendingReview, hidden, removed, locked, moderationStatus: moderationStatusOf(marks) });
      }
    }
  },
};

function post(
  recorded: RecordedEvent,
  data: { postId: string; threadId: string; forumId: string; bodyHtml: string; authorId: string; authorTenantId: string; postedAt: string },
  isOpeningPost: boolean,
): ForumPostDocument {
  const { postId, ...rest } = data;
  return { id: postId, ...rest, sequence: recorded.position, isOpeningPost, accepted: false, ...UNMODERATED, moderationStatus: 'VISIBLE' };
}

async function countInForum(context: ProjectionContext, forumId: string, at: string, threads: number): Promise<void> {
  const forum = await context.get<ForumDocument>(FORUMS_COLLECTION, forumId);
  if (forum) context.patch(FORUMS_COLLECTION, forumId, { threadCount: forum.threadCount + threads, postCount: forum.postCount + 1, lastActivityAt: at });
}
