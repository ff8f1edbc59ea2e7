import { forumStreamId, moderationStreamId, threadStreamId, type ForumEvent, type ModeratedContent, type ModerationEvent, type ThreadEvent } from '../schema/events';
import { FORUM_POSTS_COLLECTION, FORUM_THREADS_COLLECTION, FORUMS_COLLECTION } from '../schema/read-models/forum';
import { describeProjection, stream } from '../test/support/projection-spec';
import { forumsProjection } from './forums';

const at = '2026-05-01T10:00:00.000Z';
const later = '2026-05-01T11:00:00.000Z';
const forum = stream<ForumEvent>(forumStreamId('f1'), 'ops');
const thread = (tenantId: string) => stream<ThreadEvent>(threadStreamId('t1'), tenantId);
const moderation = (contentId: string) => stream<ModerationEvent>(moderationStreamId(contentId), 'ops');
const created: ForumEvent = { type: 'ForumCreated', data: { forumId: 'f1', name: 'Solvers', slug: 'solvers', description: '<p>All about solvers</p>', createdBy: 'mo', createdAt: at } };
const started: ThreadEvent = { type: 'ThreadStarted', data: { threadId: 't1', forumId: 'f1', title: 'Tabu or SA?', postId: 'p1', bodyHtml: '<p>Which?</p>', authorId: 'ada', authorTenantId: 'acme', startedAt: at } };
const replied: ThreadEvent = { type: 'PostReplied', data: { threadId: 't1', forumId: 'f1', postId: 'p2', bodyHtml: '<p>Tabu.</p>', authorId: 'bob', authorTenantId: 'globex', postedAt: later } };
const postRef: ModeratedContent = { contentId: 'p2', contentType: 'POST', authorId: 'bob', authorTenantId: 'globex', forumId: 'f1', threadId: 't1', algorithmId: null };
const moderated = (action: 'HIDE' | 'RESTORE' | 'LOCK', content = postRef): ModerationEvent => ({ type: 'ContentModerated', data: { ...content, moderationId: `m-${action}`, action, reason: 'spam', moderatorId: 'mo', moderatedAt: later } });
const unmoderated = { hiddenPendingReview: false, hidden: false, removed: false, locked: false, moderationStatus: 'VISIBLE' };

describeProjection(forumsProjection, (spec) => {
  it('keeps forums, threads and posts in order, with their counts and accepted answer', () =>
    spec
      .given(forum(created), thread('acme')(started), thread('globex')(replied))
      .when(thread('acme')({ type: 'AnswerAccepted', data: { forumId: 'f1', threadId: 't1', postId: 'p2', answerAuthorId: 'bob', answerAuthorTenantId: 'globex', acceptedBy: 'ada', acceptedAt: later } }))
      .then({
        [FORUMS_COLLECTION]: [{ id: 'f1', name: 'Solvers', slug: 'solvers', description: '<p>All about solvers</p>', createdBy: 'mo', createdAt: at, threadCount: 1, postCount: 2, lastActivityAt: later }],
        [FORUM_THREADS_COLLECTION]: [{ id: 't1', forumId: 'f1', title: 'Tabu or SA?', openingPostId: 'p1', authorId: 'ada', authorTenantId: 'acme', startedAt: at, lastPostAt: later, replyCount: 1, acceptedPostId: 'p2', ...unmoderated }],
        [FORUM_POSTS_COLLECTION]: [
          { id: 'p1', threadId: 't1', forumId: 'f1', bodyHtml: '<p>Which?</p>', authorId: 'ada', authorTenantId: 'acme', postedAt: at, sequence: 2, isOpeningPost: true, accepted: false, ...unmoderated },
          { id: 'p2', threadId: 't1', forumId: 'f1', bodyHtml: '<p>Tabu.</p>', authorId: 'bob', authorTenantId: 'globex', postedAt: later, sequence: 3, isOpeningPost: false, accepted: true, ...unmoderated },
        ],
      }));

  it('marks a hidden post', () =>
    spec
      .given(forum(created), thread('acme')(started), thread('globex')(replied))
      .when(moderation('p2')(moderated('HIDE')))
      .then({ [FORUM_POSTS_COLLECTION]: { p2: expect.objectContaining({ hidden: true, moderationStatus: 'HIDDEN' }) } }));

  it('shows a restored post again', () =>
    spec
      .given(forum(created), thread('acme')(started), thread('globex')(replied), moderation('p2')(moderated('HIDE')))
      .when(moderation('p2')(moderated('RESTORE')))
      .then({ [FORUM_POSTS_COLLECTION]: { p2: expect.objectContaining({ hidden: false, moderationStatus: 'VISIBLE' }) } }));

  it('marks a thread locked, and one hidden pending review', () => {
    const threadRef: ModeratedContent = { ...postRef, contentId: 't1', contentType: 'THREAD', authorId: 'ada', authorTenantId: 'acme' };
    return spec
      .given(forum(created), thread('acme')(started), moderation('t1')(moderated('LOCK', threadRef)))
      .when(moderation('t1')({ type: 'ContentHiddenPendingReview', data: { ...threadRef, flagCount: 3, hiddenAt: later } }))
      .then({ [FORUM_THREADS_COLLECTION]: { t1: expect.objectContaining({ locked: true, hiddenPendingReview: true, moderationStatus: 'PENDING_REVIEW' }) } });
  });
});
