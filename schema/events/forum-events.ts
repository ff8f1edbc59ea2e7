import type { DomainEvent } from '../../platform/commands/decider';

/**
 * Forums, `forum-<forumId>`, and their threads, `thread-<threadId>`: a thread's posts are events of
 * its own stream (the opening post is the thread's start). Forums are shared by every tenant; a post
 * belongs to its author's tenant. Bodies are stored as sanitised HTML (rendered from the author's
 * markdown when the command is decided), so readers and projections never sanitise again.
 */
export const FORUM_CATEGORY = 'forum';
export const forumStreamId = (forumId: string): string => `${FORUM_CATEGORY}-${forumId}`;
export const THREAD_CATEGORY = 'thread';
export const threadStreamId = (threadId: string): string => `${THREAD_CATEGORY}-${threadId}`;

export type ForumCreated = DomainEvent<'ForumCreated', {
  readonly forumId: string;
  readonly name: string;
  readonly slug: string;
  readonly description: string;
  readonly createdBy: string;
  readonly createdAt: string;
}>;

export type ThreadStarted = DomainEvent<'ThreadStarted', {
  readonly threadId: string;
  readonly forumId: string;
  readonly title: string;
  /** The opening post: its id, and its body as sanitised HTML. */
  readonly postId: string;
  readonly bodyHtml: string;
  readonly authorId: string;
  readonly authorTenantId: string;
  readonly startedAt: string;
}>;

export type PostReplied = DomainEvent<'PostReplied', {
  readonly threadId: string;
  readonly forumId: string;
  readonly postId: string;
  readonly bodyHtml: string;
  readonly authorId: string;
  readonly authorTenantId: string;
  readonly postedAt: string;
}>;

/** The thread's starter (or a moderator) marks a reply as the answer; the portal scores it for the answer's author. */
export type AnswerAccepted = DomainEvent<'AnswerAccepted', {
  readonly forumId: string;
  readonly threadId: string;
  readonly postId: string;
  readonly answerAuthorId: string;
  readonly answerAuthorTenantId: string;
  readonly acceptedBy: string;
  readonly acceptedAt: string;
}>;

export type ForumEvent = ForumCreated;
export type ThreadEvent = ThreadStarted | PostReplied | AnswerAccepted;

/** New threads and posts: what the communityActivity subscription carries of a forum. */
export const FORUM_ACTIVITY_TYPES: readonly ThreadEvent['type'][] = ['ThreadStarted', 'PostReplied'];

export const FORUM_EVENT_VERSIONS: Readonly<Record<ForumEvent['type'] | ThreadEvent['type'], number>> = {
  ForumCreated: 1,
  ThreadStarted: 1,
  PostReplied: 1,
  AnswerAccepted: 1,
};
