import { threadStreamId, type PostReplied } from '../../schema/events';
import { collect, dataOf, subscriptionClient } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

const OPERATORS = 'operators';

interface Activity {
  communityActivity: { type: string; streamId: string; actor: string; data: Record<string, unknown> };
}

/** communityActivity over the gateway's WebSocket: a forum's new posts from every tenant, and its moderation outcomes. */
describe('community activity through the gateway', () => {
  const goliath = useTestPlatform({ env: { PLATFORM_OPERATOR_TENANT: OPERATORS } });
  let moderator: string;
  let forumId: string;
  let threadId: string;
  let acme: string;
  let globex: string;

  beforeAll(async () => {
    [acme, globex] = await goliath.createTenants('Acme', 'Globex');
    moderator = await goliath.token('MODERATOR', OPERATORS, 'mo');
    forumId = dataOf(await goliath.call<{ createForum: { id: string } }>('mutation { createForum(input: { name: "Solvers" }) { id } }', {}, moderator)).createForum.id;
    const ada = await goliath.token('DEVELOPER', acme, 'ada');
    threadId = dataOf(await goliath.call<{ createThread: { id: string } }>('mutation ($f: ID!) { createThread(input: { forumId: $f, title: "Tabu?", body: "Which?" }) { id } }', { f: forumId }, ada)).createThread.id;
  });

  it("delivers another tenant's reply and the moderation outcome on it to a subscriber of the forum", async () => {
    // given a viewer of Acme following the forum
    const client = subscriptionClient(goliath.platform.subscriptionUrl, await goliath.token('VIEWER', acme, 'vic'));
    try {
      const feed = collect<Activity>(client, `subscription { communityActivity(forumId: "${forumId}") { type streamId actor data } }`, 2, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500));

      // when a Globex analyst replies and a moderator hides the reply
      const bob = await goliath.token('ANALYST', globex, 'bob');
      const post = dataOf(await goliath.call<{ reply: { id: string } }>('mutation ($t: ID!) { reply(input: { threadId: $t, body: "Tabu, with restarts." }) { id } }', { t: threadId }, bob)).reply;
      await goliath.call('mutation ($id: ID!) { moderateContent(contentId: $id, action: HIDE, reason: "off topic") { id } }', { id: post.id }, moderator);

      // then the subscriber saw both
      const messages = (await feed).map((result) => dataOf(result).communityActivity);
      expect(messages).toEqual([
        expect.objectContaining({ type: 'PostReplied', actor: 'bob', data: expect.objectContaining({ postId: post.id, forumId, authorTenantId: globex }) }),
        expect.objectContaining({ type: 'ContentModerated', actor: 'mo', data: expect.objectContaining({ contentId: post.id, action: 'HIDE', forumId }) }),
      ]);
    } finally {
      await client.dispose();
    }
  });

  it("keeps posts of a hidden thread from everyone but the moderators", async () => {
    // given a thread hidden by a moderator, and a viewer and a moderator following the forum
    const ada = await goliath.token('DEVELOPER', acme, 'ada');
    const hiddenThread = dataOf(await goliath.call<{ createThread: { id: string } }>('mutation ($f: ID!) { createThread(input: { forumId: $f, title: "Spam", body: "spam" }) { id } }', { f: forumId }, ada)).createThread.id;
    await goliath.call('mutation ($id: ID!) { moderateContent(contentId: $id, action: HIDE, reason: "spam") { id } }', { id: hiddenThread }, moderator);
    const viewer = subscriptionClient(goliath.platform.subscriptionUrl, await goliath.token('VIEWER', globex, 'val'));
    const watcher = subscriptionClient(goliath.platform.subscriptionUrl, moderator);
    try {
      const query = `subscription { communityActivity(forumId: "${forumId}") { type data } }`;
      const seenByViewer = collect<Activity>(viewer, query, 1, 30_000);
      const seenByModerator = collect<Activity>(watcher, query, 2, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500));

      // when a reply that raced the hiding lands in the hidden thread (written by another replica), and then one in a visible thread
      const raced: PostReplied = { type: 'PostReplied', data: { threadId: hiddenThread, forumId, postId: 'raced', bodyHtml: '<p>spam</p>', authorId: 'ada', authorTenantId: acme, postedAt: new Date().toISOString() } };
      await goliath.recordFromAnotherProcess(threadStreamId(hiddenThread), [raced], { tenantId: acme, actor: 'ada', action: 'community.reply' });
      await goliath.call('mutation ($t: ID!) { reply(input: { threadId: $t, body: "visible" }) { id } }', { t: threadId }, ada);

      // then only the moderator saw the hidden thread's post
      expect((await seenByModerator).map((result) => dataOf(result).communityActivity.data.threadId)).toEqual([hiddenThread, threadId]);
      expect((await seenByViewer).map((result) => dataOf(result).communityActivity.data.threadId)).toEqual([threadId]);
    } finally {
      await viewer.dispose();
      await watcher.dispose();
    }
  });

  it("delivers a listing's approval and its ratings, naming the rater to the moderators only", async () => {
    // given a listing of Acme waiting for review, followed by a moderator (the only ones besides Acme who see it yet)
    const [initech] = await goliath.createTenants('Initech');
    const listing = {
      name: 'Feed annealer', description: 'Anneals feeds', category: 'General', complexity: 'Beginner', price: 5, currency: 'USD', licenseTerms: 'Fair use.',
      recipe: { strategy: 'SA', timeLimitMs: 100 }, documentation: '# Feed annealer',
    };
    const ada = await goliath.token('DEVELOPER', acme, 'ada');
    const algorithmId = dataOf(await goliath.call<{ submitAlgorithm: { id: string } }>('mutation ($input: SubmitAlgorithmInput!) { submitAlgorithm(input: $input) { id } }', { input: listing }, ada)).submitAlgorithm.id;
    const query = `subscription { communityActivity(algorithmId: "${algorithmId}") { type actor data } }`;
    const watcher = subscriptionClient(goliath.platform.subscriptionUrl, moderator);
    const onlooker = subscriptionClient(goliath.platform.subscriptionUrl, await goliath.token('VIEWER', initech, 'ivy'));
    try {
      const seenByModerator = collect<Activity>(watcher, query, 2, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500));

      // when a moderator approves it, a viewer of a third tenant starts following it, and a Globex user rates it after their tenant bought a licence
      await goliath.call('mutation ($id: ID!) { reviewAlgorithm(input: { algorithmId: $id, decision: APPROVE, reason: "ok" }) { id } }', { id: algorithmId }, moderator);
      const seenByOnlooker = collect<Activity>(onlooker, query, 1, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await goliath.call('mutation ($id: ID!) { purchaseAlgorithm(input: { algorithmId: $id, licenseType: PERSONAL, idempotencyKey: "feed-1" }) { id } }', { id: algorithmId }, await goliath.token('TENANT_ADMIN', globex, 'gina'));
      const rating = await goliath.call('mutation ($id: ID!) { rateAlgorithm(input: { algorithmId: $id, stars: 4, text: "good" }) { ratingCount } }', { id: algorithmId }, await goliath.token('ANALYST', globex, 'bob'));
      expect(rating.errors).toBeUndefined();

      // then the moderator saw the approval and who rated; the onlooker saw the rating without learning who rated (and so bought)
      const [approved, ratedForModerator] = (await seenByModerator).map((result) => dataOf(result).communityActivity);
      expect(approved).toMatchObject({ type: 'AlgorithmVersionApproved', actor: 'mo', data: { algorithmId, version: 1 } });
      expect(ratedForModerator).toMatchObject({ type: 'AlgorithmRated', actor: 'bob', data: { raterId: 'bob', raterTenantId: globex } });
      const [ratedForOnlooker] = (await seenByOnlooker).map((result) => dataOf(result).communityActivity);
      expect(ratedForOnlooker).toMatchObject({ type: 'AlgorithmRated', actor: '', data: { algorithmId, stars: 4 } });
      expect(JSON.stringify(ratedForOnlooker)).not.toMatch(new RegExp(`bob|${globex}`));
    } finally {
      await onlooker.dispose();
      await watcher.dispose();
    }
  });

  it('refuses a subscription naming neither or both of forumId and algorithmId, and an unknown forum', async () => {
    const client = subscriptionClient(goliath.platform.subscriptionUrl, await goliath.token('VIEWER', acme));
    try {
      const codes = async (query: string) => (await collect(client, query, 1, 10_000))[0].errors?.map((error) => error.extensions?.code);
      expect(await codes('subscription { communityActivity { type } }')).toEqual(['BAD_USER_INPUT']);
      expect(await codes(`subscription { communityActivity(forumId: "${forumId}", algorithmId: "a1") { type } }`)).toEqual(['BAD_USER_INPUT']);
      expect(await codes('subscription { communityActivity(forumId: "nope") { type } }')).toEqual(['NOT_FOUND']);
    } finally {
      await client.dispose();
    }
  });
});
