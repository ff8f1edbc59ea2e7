import type { ThreadEvent } from '../../../../schema/events';
import { deciderSpec } from '../../../../test/support/decider-spec';
import { threadDecider, type ThreadCommand } from './thread-decider';

const spec = deciderSpec(threadDecider);
const at = '2026-05-01T10:00:00.000Z';
const ada = { id: 'ada', tenantId: 'acme' };
const bob = { id: 'bob', tenantId: 'globex' };
const open = { locked: false, hidden: false };
const started: ThreadEvent = { type: 'ThreadStarted', data: { threadId: 't1', forumId: 'f1', title: 'Tabu or SA?', postId: 'p1', bodyHtml: '<p>Which?</p>', authorId: 'ada', authorTenantId: 'acme', startedAt: at } };
const replied: ThreadEvent = { type: 'PostReplied', data: { threadId: 't1', forumId: 'f1', postId: 'p2', bodyHtml: '<p>Tabu.</p>', authorId: 'bob', authorTenantId: 'globex', postedAt: at } };
const reply = (overrides: Partial<Extract<ThreadCommand, { type: 'Reply' }>> = {}): ThreadCommand => ({ type: 'Reply', threadId: 't1', postId: 'p2', bodyHtml: '<p>Tabu.</p>', author: bob, ban: null, moderation: open, at, ...overrides });
const accept = (by = ada, byModerator = false, postId = 'p2'): ThreadCommand => ({ type: 'AcceptAnswer', threadId: 't1', postId, by, byModerator, at });

describe('thread decider', () => {
  it('starts a thread with its opening post', () => {
    spec.given([]).when({ type: 'StartThread', threadId: 't1', forumId: 'f1', title: 'Tabu or SA?', postId: 'p1', bodyHtml: '<p>Which?</p>', author: ada, ban: null, at }).then([started]);
  });

  it("takes a reply from another tenant's member, in the thread's forum", () => {
    spec.given([started]).when(reply()).then([replied]);
  });

  it('refuses a reply to a locked thread with CONFLICT and says why', () => {
    spec.given([started]).when(reply({ moderation: { locked: true, hidden: false } })).thenRejects('CONFLICT', /locked by a moderator/);
  });

  it('refuses a banned member with FORBIDDEN and the reason', () => {
    spec.given([started]).when(reply({ ban: { reason: 'spam links', moderationId: 'm1', contentId: 'p9' } })).thenRejects('FORBIDDEN', /spam links/);
  });

  it('refuses a reply to a thread that does not exist', () => {
    spec.given([]).when(reply()).thenRejects('NOT_FOUND');
  });

  it("lets the thread's starter accept a reply, naming the answer's author for contributions", () => {
    spec.given([started, replied]).when(accept()).then([{ type: 'AnswerAccepted', data: { forumId: 'f1', threadId: 't1', postId: 'p2', answerAuthorId: 'bob', answerAuthorTenantId: 'globex', acceptedBy: 'ada', acceptedAt: at } }]);
  });

  it('lets a moderator accept, but nobody else', () => {
    spec.given([started, replied]).when(accept({ id: 'mo', tenantId: 'ops' }, true)).then([{ type: 'AnswerAccepted', data: { forumId: 'f1', threadId: 't1', postId: 'p2', answerAuthorId: 'bob', answerAuthorTenantId: 'globex', acceptedBy: 'mo', acceptedAt: at } }]);
    spec.given([started, replied]).when(accept(bob)).thenRejects('FORBIDDEN');
    spec.given([started, replied]).when(accept({ id: 'ada', tenantId: 'globex' })).thenRejects('FORBIDDEN');
  });

  it('accepts one answer: the same again changes nothing, another is refused', () => {
    const accepted: ThreadEvent = { type: 'AnswerAccepted', data: { forumId: 'f1', threadId: 't1', postId: 'p2', answerAuthorId: 'bob', answerAuthorTenantId: 'globex', acceptedBy: 'ada', acceptedAt: at } };
    const another: ThreadEvent = { ...replied, data: { ...(replied.data as Extract<ThreadEvent, { type: 'PostReplied' }>['data']), postId: 'p3' } };
    spec.given([started, replied, accepted]).when(accept()).then([]);
    spec.given([started, replied, another, accepted]).when(accept(ada, false, 'p3')).thenRejects('CONFLICT');
  });

  it('refuses the opening post or an unknown post as the answer', () => {
    spec.given([started, replied]).when(accept(ada, false, 'p1')).thenRejects('BAD_USER_INPUT');
    spec.given([started, replied]).when(accept(ada, false, 'nope')).thenRejects('NOT_FOUND');
  });
});
