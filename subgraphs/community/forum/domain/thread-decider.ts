import { DomainError, type Decider } from '../../../../platform/commands/decider';
import { ErrorCode } from '../../../../platform/errors';
import type { ThreadEvent } from '../../../../schema/events';
import { refuseBanned, type Ban } from './standing';
import type { Member } from './member';

export type ThreadState =
  | { readonly started: false }
  | {
      readonly started: true;
      readonly forumId: string;
      readonly starter: Member;
      readonly openingPostId: string;
      readonly posts: ReadonlyMap<string, Member>;
      readonly acceptedPostId: string | null;
    };

/** Where moderation left the thread (its `moderation-` stream): a locked or hidden thread takes no replies. */
export interface ThreadModeration {
  readonly locked: boolean;
  readonly hidden: boolean;
}

export type ThreadCommand =
  | { readonly type: 'StartThread'; readonly threadId: string; readonly forumId: string; readonly title: string; readonly postId: string; readonly bodyHtml: string; readonly author: Member; readonly ban: Ban | null; readonly at: string }
  | { readonly type: 'Reply'; readonly threadId: string; readonly postId: string; readonly bodyHtml: string; readonly author: Member; readonly ban: Ban | null; readonly moderation: ThreadModeration; readonly at: string }
  | { readonly type: 'AcceptAnswer'; readonly threadId: string; readonly postId: string; readonly by: Member; readonly byModerator: boolean; readonly at: string };

const sameMember = (a: Member, b: Member): boolean => a.id === b.id && a.tenantId === b.tenantId;

/** A thread and its posts: started with an opening post, replied to, and answered (one accepted reply). */
export const threadDecider: Decider<ThreadState, ThreadCommand, ThreadEvent> = {
  initialState: () => ({ started: false }),

  evolve(state, event) {
    switch (event.type) {
      case 'ThreadStarted': {
        const starter = { id: event.data.authorId, tenantId: event.data.authorTenantId };
        return { started: true, forumId: event.data.forumId, starter, openingPostId: event.data.postId, posts: new Map([[event.data.postId, starter]]), acceptedPostId: null };
      }
      case 'PostReplied':
        if (!state.started) return state;
        return { ...state, posts: new Map(state.posts).set(event.data.postId, { id: event.data.authorId, tenantId: event.data.authorTenantId }) };
      case 'AnswerAccepted':
        return state.started ? { ...state, acceptedPostId: event.data.postId } : state;
    }
  },

  decide(command, state) {
    if (command.type === 'StartThread') {
      if (state.started) throw new DomainError(ErrorCode.Conflict, `Thread ${command.threadId} exists already.`);
      refuseBanned(command.ban);
      const { threadId, forumId, title, postId, bodyHtml, author } = command;
      return [{ type: 'ThreadStarted', data: { threadId, forumId, title, postId, bodyHtml, authorId: author.id, authorTenantId: author.tenantId, startedAt: command.at } }];
    }
    if (!state.started) throw new DomainError(ErrorCode.NotFound, `Thread ${command.threadId} does not exist.`);
    if (command.type === 'Reply') {
      refuseBanned(command.ban);
      if (command.moderation.locked) throw new DomainError(ErrorCode.Conflict, `Thread ${command.threadId} is locked by a moderator and takes no more replies; start a new thread instead.`, { reason: 'THREAD_LOCKED' });
      if (command.moderation.hidden) throw new DomainError(ErrorCode.Conflict, `Thread ${command.threadId} is hidden by moderation and takes no replies until a moderator restores it.`, { reason: 'THREAD_HIDDEN' });
      const { threadId, postId, bodyHtml, author } = command;
      return [{ type: 'PostReplied', data: { threadId, forumId: state.forumId, postId, bodyHtml, authorId: author.id, authorTenantId: author.tenantId, postedAt: command.at } }];
    }
    const answerAuthor = state.posts.get(command.postId);
    if (!answerAuthor) throw new DomainError(ErrorCode.NotFound, `Post ${command.postId} does not exist in thread ${command.threadId}.`);
    if (!command.byModerator && !sameMember(command.by, state.starter)) throw new DomainError(ErrorCode.Forbidden, "Only the thread's starter or a moderator may accept an answer.");
    if (command.postId === state.openingPostId) throw new DomainError(ErrorCode.BadUserInput, "The thread's opening post is the question, not an answer: accept a reply.", { field: 'postId' });
    if (state.acceptedPostId === command.postId) return [];
    if (state.acceptedPostId) throw new DomainError(ErrorCode.Conflict, `Thread ${command.threadId} has an accepted answer already (post ${state.acceptedPostId}).`, { acceptedPostId: state.acceptedPostId });
    return [
      {
        type: 'AnswerAccepted',
        data: { forumId: state.forumId, threadId: command.threadId, postId: command.postId, answerAuthorId: answerAuthor.id, answerAuthorTenantId: answerAuthor.tenantId, acceptedBy: command.by.id, acceptedAt: command.at },
      },
    ];
  },
};
