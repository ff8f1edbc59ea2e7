import { dataOf } from '../support/gateway-client';
import { restClient } from '../support/rest-client';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

/** The seed's algorithm submission body, with what submitAlgorithm needs beyond it (currency, licence terms, a recipe). */
const SUBMISSION = {
  name: 'Advanced Portfolio Optimization',
  description: 'Multi-objective portfolio optimization',
  category: 'Finance',
  complexity: 'Advanced',
  price: 99.99,
  source_code: Buffer.from('def optimize(portfolio): ...').toString('base64'),
  documentation: '# Portfolio\n\nAnneals **portfolios**.',
  currency: 'USD',
  license_terms: 'Use within your organisation; no redistribution.',
  recipe: { strategy: 'SA', timeLimitMs: 2000, parameters: { sweeps: 500 } },
};

/** The seed's community REST paths over the GraphQL operations: submit → (review) → discover → purchase, and tutorials. */
describe('the community platform over REST', () => {
  const goliath = useTestPlatform();
  const rest = restClient(goliath);
  let acme: string;
  let globex: string;
  let developer: string;
  let buyer: string;
  let algorithmId: string;

  beforeAll(async () => {
    let operators: string;
    [acme, globex, operators] = await goliath.createTenants('Acme', 'Globex', 'Operators');
    developer = await goliath.token('DEVELOPER', acme, 'ada');
    buyer = await goliath.token('TENANT_ADMIN', globex, 'bob');
    const moderator = await goliath.token('MODERATOR', operators, 'mona');
    const submitted = await rest('POST', '/phase2.1/community/submit-algorithm', SUBMISSION, developer);
    algorithmId = submitted.body.id;
    expect(submitted).toMatchObject({ status: 200, body: { tenant_id: acme, author_id: 'ada', status: 'submitted', has_source: true, category: 'Finance' } });
    dataOf(await goliath.call('mutation ($id: ID!) { reviewAlgorithm(input: { algorithmId: $id, decision: APPROVE, reason: "Complete." }) { id } }', { id: algorithmId }, moderator));
  });

  it("submits the seed's listing (base64 source_code as the operation takes it), stored as submitAlgorithm stores it", async () => {
    const listing = dataOf(await goliath.call<{ algorithm: Record<string, unknown> }>('query ($id: ID!) { algorithm(id: $id) { name price: licensePrices { licenseType price } hasSource status } }', { id: algorithmId }, developer)).algorithm;
    expect(listing).toMatchObject({ name: SUBMISSION.name, hasSource: true, status: 'APPROVED' });
    expect(listing.price).toEqual(expect.arrayContaining([{ licenseType: 'PERSONAL', price: 99.99 }]));
    const incomplete = await rest('POST', '/phase2.1/community/submit-algorithm', { name: 'x', description: 'y', category: 'Finance', complexity: 'Advanced', price: 1, documentation: '#' }, developer);
    expect(incomplete).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', message: 'currency is required; license_terms is required; recipe is required.' } } });
  });

  it('serves the same operations at the algorithms collection: GET searches, POST submits', async () => {
    const listed = await rest('GET', '/phase2.1/community/algorithms', { category: 'Finance', complexity: 'Advanced', max_price: 100 }, buyer);
    expect(listed).toMatchObject({ status: 200, body: { total_count: 1, edges: [{ node: { id: algorithmId } }] } });
    const created = await rest('POST', '/phase2.1/community/algorithms', { ...SUBMISSION, name: 'Collection Portfolio Optimizer', documentation: '# Collection\n\nAnother optimizer.' }, developer);
    expect(created).toMatchObject({ status: 200, body: { tenant_id: acme, name: 'Collection Portfolio Optimizer', status: 'submitted' } });
    expect(await rest('POST', '/phase2.1/community/algorithms', { ...SUBMISSION, name: 'x', unknown_field: 1 }, developer)).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
  });

  it("discovers it from the seed's search criteria in the query string (category, complexity, max_price)", async () => {
    const answer = await rest('GET', '/phase2.1/community/discover-algorithms', { category: 'Finance', complexity: 'Advanced', max_price: 100 }, buyer);
    expect(answer.status).toBe(200);
    expect(answer.body.total_count).toBe(1);
    expect(answer.body.edges[0].node).toMatchObject({ id: algorithmId, name: SUBMISSION.name, status: 'approved', license_prices: expect.arrayContaining([{ license_type: 'commercial', price: expect.any(Number) }]) });
    expect(answer.body.page_info).toEqual({ has_next_page: false, end_cursor: expect.any(String) });
    const tooCheap = await rest('GET', '/phase2.1/community/discover-algorithms', { category: 'Finance', max_price: 50 }, buyer);
    expect(tooCheap.body.total_count).toBe(0);
    expect(await rest('GET', '/phase2.1/community/discover-algorithms', { sort: 'cheapest' }, buyer)).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', message: expect.stringContaining('sort must be one of relevance, rating, price, newest, runs') } } });
  });

  it("buys a commercial licence from the seed's algorithm_id and license_type, held as purchaseAlgorithm holds it", async () => {
    const answer = await rest('POST', '/phase2.1/community/purchase-algorithm', { algorithm_id: algorithmId, license_type: 'commercial', idempotency_key: 'order-1' }, buyer);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ tenant_id: globex, algorithm_id: algorithmId, license_type: 'commercial', status: 'active', currency: 'USD', buyer_id: 'bob' });
    const licenses = dataOf(await goliath.call<{ licenses: { edges: { node: { id: string; licenseType: string } }[] } }>('query ($t: ID!) { licenses(tenantId: $t) { edges { node { id licenseType } } } }', { t: globex }, buyer)).licenses.edges;
    expect(licenses.map((edge) => edge.node)).toEqual([{ id: answer.body.id, licenseType: 'COMMERCIAL' }]);
  });

  it('writes a tutorial, which GraphQL reads back', async () => {
    const answer = await rest('POST', '/phase2.1/community/create-tutorial', { title: 'Portfolios by annealing', summary: 'A first run', body: 'Anneal **portfolios**.', algorithm_ids: [algorithmId], tags: ['finance'] }, developer);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ author_id: 'ada', title: 'Portfolios by annealing', algorithm_ids: [algorithmId], tags: ['finance'], version: 1, body_html: expect.stringContaining('<strong>portfolios</strong>') });
    const tutorial = dataOf(await goliath.call<{ tutorial: { title: string; authorId: string } }>('query ($id: ID!) { tutorial(id: $id) { title authorId } }', { id: answer.body.id }, buyer)).tutorial;
    expect(tutorial).toEqual({ title: 'Portfolios by annealing', authorId: 'ada' });
  });
});
