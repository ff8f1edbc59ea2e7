import { dataOf, errorCodes } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

const OPERATORS = 'operators';
const CREATE_FORUM = 'mutation ($input: CreateForumInput!) { createForum(input: $input) { id slug name threadCount } }';
const CREATE_THREAD = 'mutation ($input: CreateThreadInput!) { createThread(input: $input) { id title forumId } }';
const REPLY = 'mutation ($input: ReplyInput!) { reply(input: $input) { id bodyHtml authorTenantId } }';
const THREAD = 'query ($id: ID!) { thread(id: $id) { id title locked acceptedPostId posts { edges { node { id bodyHtml hidden moderationStatus isOpeningPost } } } } }';
const MODERATE = 'mutation ($id: ID!, $action: ModerationAction!, $reason: String!) { moderateContent(contentId: $id, action: $action, reason: $reason) { id action reason content { contentId contentType authorId } } }';
const APPEAL = 'mutation ($input: AppealModerationInput!) { appealModeration(input: $input) { id moderationId status statement } }';
const QUEUE = 'query { moderationQueue { edges { node { content { contentId } moderationStatus flagCount reasons { reason count } openAppeal { id statement status } } } } }';
const APPEALS = 'query { moderationAppeals { edges { node { id moderationId statement content { contentId } } } } }';
const RESOLVE = 'mutation ($id: ID!, $decision: AppealDecision!) { resolveAppeal(appealId: $id, decision: $decision, reason: "the link is a benchmark") { id status } }';
const FLAG = 'mutation ($input: FlagContentInput!) { flagContent(input: $input) { recorded hidden contentType } }';
const ACCEPT = 'mutation ($t: ID!, $p: ID!) { acceptAnswer(threadId: $t, postId: $p) { acceptedPostId } }';
const TRAIL = 'query ($t: ID!) { auditTrail(tenantId: $t, filter: { action: "community.moderateContent" }) { edges { node { actor action target tenantId } } } }';

interface Post {
  id: string;
  bodyHtml: string | null;
  hidden: boolean;
  moderationStatus: string;
  isOpeningPost: boolean;
}
interface Thread {
  id: string;
  title: string | null;
  locked: boolean;
  acceptedPostId: string | null;
  posts: { edges: { node: Post }[] };
}

/** Forums shared by every tenant, and their moderation (Discourse's): flags, actions, appeals, through the gateway. */
describe('community forums through the gateway', () => {
  const goliath = useTestPlatform({ env: { PLATFORM_OPERATOR_TENANT: OPERATORS } });
  let acme: string;
  let globex: string;
  let moderator: string;
  let ada: string;
  let bob: string;
  let forumId: string;

  const threadOf = async (id: string, token: string) => dataOf(await goliath.call<{ thread: Thread }>(THREAD, { id }, token)).thread;
  const startThread = async (title: string) => dataOf(await goliath.call<{ createThread: { id: string } }>(CREATE_THREAD, { input: { forumId, title, body: 'Which one for **max-cut**?' } }, ada)).createThread.id;
  const reply = (threadId: string, body: string, token = bob) => goliath.call<{ reply: { id: string; bodyHtml: string; authorTenantId: string } }>(REPLY, { input: { threadId, body } }, token);

  beforeAll(async () => {
    [acme, globex] = await goliath.createTenants('Acme', 'Globex');
    moderator = await goliath.token('MODERATOR', OPERATORS, 'mo');
    ada = await goliath.token('DEVELOPER', acme, 'ada');
    bob = await goliath.token('ANALYST', globex, 'bob');
    forumId = dataOf(await goliath.call<{ createForum: { id: string } }>(CREATE_FORUM, { input: { name: 'Solvers', description: 'All about *solvers*' } }, moderator)).createForum.id;
  });

  it('lets a moderator create a forum with a unique slug, and no one else', async () => {
    const forums = dataOf(await goliath.call<{ forums: { id: string; slug: string }[] }>('query { forums { id slug } }', {}, await goliath.token('VIEWER', globex)));
    expect(forums.forums).toContainEqual({ id: forumId, slug: 'solvers' });
    expect(errorCodes(await goliath.call(CREATE_FORUM, { input: { name: 'Solvers' } }, moderator))).toEqual(['CONFLICT']);
    expect(errorCodes(await goliath.call(CREATE_FORUM, { input: { name: 'Mine' } }, await goliath.token('TENANT_ADMIN', acme)))).toEqual(['FORBIDDEN']);
  });

  it("shows a thread of one tenant and another tenant's sanitised reply to everyone; a viewer cannot reply", async () => {
    const threadId = await startThread('Tabu or SA?');
    const answer = dataOf(await reply(threadId, 'Tabu <script>alert(1)</script><img src=x onerror=alert(1)>')).reply;
    expect(answer.authorTenantId).toBe(globex);
    expect(answer.bodyHtml).not.toMatch(/script|onerror/);
    expect(errorCodes(await reply(threadId, 'me too', await goliath.token('VIEWER', acme)))).toEqual(['FORBIDDEN']);
    const thread = await threadOf(threadId, await goliath.token('VIEWER', globex));
    expect(thread.posts.edges.map(({ node }) => [node.isOpeningPost, node.bodyHtml])).toEqual([
      [true, '<p>Which one for <strong>max-cut</strong>?</p>\n'],
      [false, answer.bodyHtml],
    ]);
    // only the starter accepts the answer
    expect(errorCodes(await goliath.call(ACCEPT, { t: threadId, p: answer.id }, bob))).toEqual(['FORBIDDEN']);
    expect(dataOf(await goliath.call<{ acceptAnswer: { acceptedPostId: string } }>(ACCEPT, { t: threadId, p: answer.id }, ada)).acceptAnswer.acceptedPostId).toBe(answer.id);
  });

  it("hides a post from everyone but its author and the moderators, records the author's appeal, and restores it when overturned", async () => {
    const threadId = await startThread('Benchmarks?');
    const post = dataOf(await reply(threadId, 'See [my results](https://example.com/bench)')).reply;
    // given a flag by a member of another tenant
    expect(dataOf(await goliath.call<{ flagContent: { recorded: boolean; contentType: string } }>(FLAG, { input: { contentId: post.id, reason: 'SPAM', note: 'a link only' } }, ada)).flagContent).toEqual({ recorded: true, hidden: false, contentType: 'POST' });
    // when a moderator hides the post
    const moderation = dataOf(await goliath.call<{ moderateContent: { id: string; content: { authorId: string } } }>(MODERATE, { id: post.id, action: 'HIDE', reason: 'looks like spam' }, moderator)).moderateContent;
    expect(moderation.content.authorId).toBe('bob');
    // then others see it hidden, its author and the moderators still read it
    const hiddenFor = async (token: string) => (await threadOf(threadId, token)).posts.edges.find(({ node }) => node.id === post.id)!.node;
    expect(await hiddenFor(ada)).toMatchObject({ hidden: true, moderationStatus: 'HIDDEN', bodyHtml: null });
    expect(await hiddenFor(bob)).toMatchObject({ hidden: true, bodyHtml: post.bodyHtml });
    expect(await hiddenFor(moderator)).toMatchObject({ hidden: true, bodyHtml: post.bodyHtml });
    // and the action is in the operators' trail
    const trail = dataOf(await goliath.call<{ auditTrail: { edges: { node: { actor: string; target: string; tenantId: string } }[] } }>(TRAIL, { t: OPERATORS }, goliath.admin)).auditTrail;
    expect(trail.edges.map(({ node }) => node)).toContainEqual(expect.objectContaining({ actor: 'mo', target: post.id, tenantId: OPERATORS }));

    // when someone else appeals, it is refused; when the author appeals, it is recorded
    expect(errorCodes(await goliath.call(APPEAL, { input: { moderationId: moderation.id, statement: 'not mine but fine' } }, ada))).toEqual(['FORBIDDEN']);
    const appeal = dataOf(await goliath.call<{ appealModeration: { id: string } }>(APPEAL, { input: { moderationId: moderation.id, statement: 'It links to benchmark data.' } }, bob)).appealModeration;
    expect(appeal).toEqual({ id: expect.any(String), moderationId: moderation.id, status: 'OPEN', statement: 'It links to benchmark data.' });
    // then the moderators see it in the queue and the appeal list
    const queue = dataOf(await goliath.call<{ moderationQueue: { edges: { node: { content: { contentId: string }; openAppeal: { id: string } | null } }[] } }>(QUEUE, {}, moderator)).moderationQueue;
    expect(queue.edges.map(({ node }) => node).find((item) => item.content.contentId === post.id)).toMatchObject({ moderationStatus: 'HIDDEN', openAppeal: { id: appeal.id, statement: 'It links to benchmark data.', status: 'OPEN' } });
    const appeals = dataOf(await goliath.call<{ moderationAppeals: { edges: { node: { id: string } }[] } }>(APPEALS, {}, moderator)).moderationAppeals;
    expect(appeals.edges.map(({ node }) => node.id)).toContain(appeal.id);
    expect(errorCodes(await goliath.call(QUEUE, {}, await goliath.token('TENANT_ADMIN', acme)))).toEqual(['FORBIDDEN']);

    // when a moderator overturns it, the post is back for everyone
    expect(dataOf(await goliath.call<{ resolveAppeal: { status: string } }>(RESOLVE, { id: appeal.id, decision: 'OVERTURN' }, moderator)).resolveAppeal.status).toBe('OVERTURNED');
    expect(await hiddenFor(ada)).toMatchObject({ hidden: false, moderationStatus: 'VISIBLE', bodyHtml: post.bodyHtml });
  });

  it('refuses replies to a locked thread with CONFLICT, and a banned author with FORBIDDEN and the reason', async () => {
    const threadId = await startThread('Locked soon');
    const post = dataOf(await reply(threadId, 'buy cheap solver time at ...')).reply;
    await goliath.call(MODERATE, { id: threadId, action: 'LOCK', reason: 'resolved' }, moderator);
    const locked = await reply(threadId, 'one more', ada);
    expect(errorCodes(locked)).toEqual(['CONFLICT']);
    expect(locked.errors?.[0].message).toMatch(/locked by a moderator/);

    const other = await startThread('Still open');
    dataOf(await goliath.call(MODERATE, { id: post.id, action: 'BAN_AUTHOR', reason: 'advertising' }, moderator));
    const banned = await reply(other, 'buy more', bob);
    expect(errorCodes(banned)).toEqual(['FORBIDDEN']);
    expect(banned.errors?.[0].message).toMatch(/advertising/);
    // restoring the content the ban was imposed through lifts it
    dataOf(await goliath.call(MODERATE, { id: post.id, action: 'RESTORE', reason: 'first offence' }, moderator));
    expect(dataOf(await reply(other, 'sorry')).reply.id).toEqual(expect.any(String));
  });

  it("files a platform admin's moderation, whose token has no tenant, in the operators' trail too", async () => {
    const threadId = await startThread('Admin locks this');
    dataOf(await goliath.call(MODERATE, { id: threadId, action: 'LOCK', reason: 'duplicate' }, goliath.admin));
    const trail = dataOf(await goliath.call<{ auditTrail: { edges: { node: { actor: string; target: string } }[] } }>(TRAIL, { t: OPERATORS }, goliath.admin)).auditTrail;
    expect(trail.edges.map(({ node }) => node.target)).toContain(threadId);
  });
});

describe('community forums switched off', () => {
  const goliath = useTestPlatform({ env: { COMMUNITY_FORUM_ENABLED: 'false', PLATFORM_OPERATOR_TENANT: OPERATORS } });

  it('answer FEATURE_DISABLED and store nothing', async () => {
    const moderator = await goliath.token('MODERATOR', OPERATORS, 'mo');
    expect(errorCodes(await goliath.call(CREATE_FORUM, { input: { name: 'Solvers' } }, moderator))).toEqual(['FEATURE_DISABLED']);
    expect(errorCodes(await goliath.call('query { forums { id } }', {}, moderator))).toEqual(['FEATURE_DISABLED']);
    expect(errorCodes(await goliath.call('mutation { rsvp(eventId: "e1") { status } }', {}, moderator))).toEqual(['FEATURE_DISABLED']);
  });
});
