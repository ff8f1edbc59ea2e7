import { dataOf, errorCodes } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

const ALGORITHM_FIELDS = 'id tenantId authorId name category complexity status version publishedVersion documentationHtml recipe currency licensePrices { licenseType price } ratingAverage ratingCount runs hasSource';
const SUBMIT = `mutation ($input: SubmitAlgorithmInput!) { submitAlgorithm(input: $input) { ${ALGORITHM_FIELDS} } }`;
const VALIDATE = 'query ($input: SubmitAlgorithmInput!) { validateAlgorithm(input: $input) { valid problems { field code message severity } } }';
const REVIEW = 'mutation ($input: ReviewAlgorithmInput!) { reviewAlgorithm(input: $input) { id status version publishedVersion } }';
const ALGORITHM = `query ($id: ID!) { algorithm(id: $id) { ${ALGORITHM_FIELDS} versions { version status reason } ratings { version stars text } } }`;
const QUEUE = 'query { algorithmReviewQueue(first: 100) { edges { node { algorithmId version status name documentationHtml } } } }';
const MINE = 'query ($t: ID!) { algorithms(tenantId: $t) { edges { node { id name status } } } }';
const DISCOVER = `query ($criteria: DiscoverAlgorithmsInput!) {
  discoverAlgorithms(criteria: $criteria) {
    totalCount
    edges { cursor node { id name category status } }
    pageInfo { hasNextPage endCursor }
    facets { category { value count } complexity { value count } priceBands { value from to count } license { value count } }
  }
}`;
const RATE = 'mutation ($input: RateAlgorithmInput!) { rateAlgorithm(input: $input) { ratingAverage ratingCount } }';
const SOURCE = 'query ($id: ID!, $v: Int!) { algorithmSource(algorithmId: $id, version: $v) { sha256 bytes base64 } }';
const PURCHASE = 'mutation ($input: PurchaseAlgorithmInput!) { purchaseAlgorithm(input: $input) { id } }';

interface Listing {
  id: string;
  status: string;
  version: number;
  documentationHtml: string;
  licensePrices: { licenseType: string; price: number }[];
  [field: string]: unknown;
}

/** A listing's input with words of its own, so each test's listing is distinct content. */
function listing(words: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `${words} optimizer`,
    description: `Solves ${words} problems with simulated annealing`,
    category: 'Finance',
    complexity: 'Advanced',
    price: 40,
    currency: 'USD',
    licenseTerms: 'Use within your organisation; no redistribution.',
    recipe: { strategy: 'SA', timeLimitMs: 2000, parameters: { sweeps: 500, schedule: 'geometric', betaRange: { start: 0.1, end: 4 } }, problemClasses: ['portfolio'] },
    documentation: `# ${words}\n\nAnneals **${words}** instances.`,
    ...overrides,
  };
}

/** Listings, review, discovery and licence-gated ratings through the gateway (issue 12). */
describe('marketplace listings through the gateway', () => {
  const goliath = useTestPlatform();
  let acme: string;
  let globex: string;
  let developer: string;
  let moderator: string;
  let outsider: string;

  const submit = async (input: Record<string, unknown>, token = developer) => dataOf(await goliath.call<{ submitAlgorithm: Listing }>(SUBMIT, { input }, token)).submitAlgorithm;
  const review = (algorithmId: string, decision: 'APPROVE' | 'REJECT', reason: string, token = moderator) => goliath.call<{ reviewAlgorithm: Listing }>(REVIEW, { input: { algorithmId, decision, reason } }, token);
  const discover = async (criteria: Record<string, unknown>, token = outsider) => dataOf(await goliath.call<{ discoverAlgorithms: Discovery }>(DISCOVER, { criteria }, token)).discoverAlgorithms;

  beforeAll(async () => {
    let operators: string;
    [acme, globex, operators] = await goliath.createTenants('Acme', 'Globex', 'Operators');
    developer = await goliath.token('DEVELOPER', acme, 'ada');
    moderator = await goliath.token('MODERATOR', operators, 'mona');
    outsider = await goliath.token('ANALYST', globex, 'bob');
  });

  it('validates a submission with every problem at once, stores nothing when one is an error, and reports removed HTML as a warning only', async () => {
    const invalid = listing('broken', { name: ' ', category: 'Alchemy', price: -1, currency: 'XYZ', recipe: { strategy: 'QUANTUM', timeLimitMs: 0, colour: 'red' }, documentation: 'Hi <script>alert(1)</script>' });
    const validation = dataOf(await goliath.call<{ validateAlgorithm: { valid: boolean; problems: { field: string; code: string; severity: string }[] } }>(VALIDATE, { input: invalid }, developer)).validateAlgorithm;
    expect(validation.valid).toBe(false);
    expect(validation.problems.map(({ field, code, severity }) => `${field} ${code} ${severity}`)).toEqual([
      'name REQUIRED ERROR',
      'category UNKNOWN_CATEGORY ERROR',
      'currency UNKNOWN_CURRENCY ERROR',
      'price INVALID_PRICE ERROR',
      'recipe RECIPE_SCHEMA ERROR',
      'recipe/strategy RECIPE_SCHEMA ERROR',
      'recipe/timeLimitMs RECIPE_SCHEMA ERROR',
      'documentation DOCUMENTATION_SANITISED WARNING',
    ]);

    const refused = await goliath.call(SUBMIT, { input: invalid }, developer);
    expect(errorCodes(refused)).toEqual(['ALGORITHM_VALIDATION_FAILED']);
    expect(refused.errors?.[0].extensions?.problems).toEqual(validation.problems);
    expect(dataOf(await goliath.call<{ algorithms: { edges: unknown[] } }>(MINE, { t: acme }, developer)).algorithms.edges).toEqual([]);

    const warned = dataOf(await goliath.call<{ validateAlgorithm: { valid: boolean } }>(VALIDATE, { input: listing('warned', { documentation: 'Hi <script>alert(1)</script>' }) }, developer)).validateAlgorithm;
    expect(warned.valid).toBe(true);
  });

  it('submits, has a moderator approve, and then shows the listing to another tenant in discovery (text and facets) and by id', async () => {
    const submitted = await submit(listing('portfolio', { documentation: '# Portfolio\n\n<img src="https://x.org/a.png" onerror="steal()"> <script>alert(1)</script> Anneals portfolios.' }));
    expect(submitted).toMatchObject({ tenantId: acme, authorId: 'ada', status: 'SUBMITTED', version: 1, publishedVersion: null, category: 'Finance' });
    expect(submitted.documentationHtml).not.toMatch(/script|onerror|alert/);
    expect(submitted.documentationHtml).toContain('<img src="https://x.org/a.png" />');
    expect(submitted.licensePrices).toEqual([
      { licenseType: 'PERSONAL', price: 40 },
      { licenseType: 'COMMERCIAL', price: 200 },
      { licenseType: 'ENTERPRISE', price: 800 },
    ]);

    expect(errorCodes(await goliath.call(ALGORITHM, { id: submitted.id }, outsider))).toEqual(['NOT_FOUND']);
    expect((await discover({ text: 'portfolio' })).totalCount).toBe(0);
    const queue = dataOf(await goliath.call<{ algorithmReviewQueue: { edges: { node: { algorithmId: string; status: string } }[] } }>(QUEUE, {}, moderator)).algorithmReviewQueue;
    expect(queue.edges.map((edge) => edge.node)).toContainEqual(expect.objectContaining({ algorithmId: submitted.id, status: 'SUBMITTED' }));

    expect(errorCodes(await review(submitted.id, 'APPROVE', 'self-approval', developer))).toEqual(['FORBIDDEN']);
    expect(dataOf(await review(submitted.id, 'APPROVE', 'clear and useful')).reviewAlgorithm).toMatchObject({ status: 'APPROVED', version: 1, publishedVersion: 1 });
    expect(errorCodes(await review(submitted.id, 'REJECT', 'changed my mind'))).toEqual(['CONFLICT']);

    const seen = dataOf(await goliath.call<{ algorithm: Listing }>(ALGORITHM, { id: submitted.id }, outsider)).algorithm;
    expect(seen).toMatchObject({ id: submitted.id, status: 'APPROVED', version: 1, versions: [{ version: 1, status: 'APPROVED', reason: 'clear and useful' }], ratings: [], runs: 0 });

    await submit(listing('scheduling', { category: 'Scheduling', complexity: 'Beginner', price: 0 }));
    const found = await discover({ text: 'portfolio anneals', category: 'finance' });
    expect(found.totalCount).toBe(1);
    expect(found.edges.map((edge) => edge.node)).toEqual([{ id: submitted.id, name: 'portfolio optimizer', category: 'Finance', status: 'APPROVED' }]);
    expect(found.facets.category).toEqual([{ value: 'Finance', count: 1 }]);
    expect(found.facets.complexity).toEqual([{ value: 'Advanced', count: 1 }]);
    expect(found.facets.priceBands.find((band) => band.count > 0)).toEqual({ value: '10-50', from: 10, to: 50, count: 1 });
    const capped = await discover({ text: 'portfolio', maxPrice: 100, license: 'COMMERCIAL' });
    expect(capped.totalCount).toBe(0);
    expect(capped.facets.license).toEqual([
      { value: 'PERSONAL', count: 1 },
      { value: 'COMMERCIAL', count: 0 },
      { value: 'ENTERPRISE', count: 0 },
    ]);
  });

  it('keeps a rejected listing to its own tenant, with the reason, and refuses a rejection without one', async () => {
    const submitted = await submit(listing('knapsack'));
    expect(errorCodes(await review(submitted.id, 'REJECT', ' '))).toEqual(['BAD_USER_INPUT']);
    expect(dataOf(await review(submitted.id, 'REJECT', 'documentation copied from elsewhere')).reviewAlgorithm.status).toBe('REJECTED');
    expect(errorCodes(await goliath.call(ALGORITHM, { id: submitted.id }, outsider))).toEqual(['NOT_FOUND']);
    const own = dataOf(await goliath.call<{ algorithm: Listing }>(ALGORITHM, { id: submitted.id }, await goliath.token('VIEWER', acme))).algorithm;
    expect(own).toMatchObject({ status: 'REJECTED', versions: [{ version: 1, status: 'REJECTED', reason: 'documentation copied from elsewhere' }] });
  });

  it('refuses the same content twice, even from another tenant, and keeps submission to developers and up', async () => {
    const original = listing('assignment');
    await submit(original);
    const copy = await goliath.call(SUBMIT, { input: { ...original, name: 'My own assignment solver' } }, await goliath.token('DEVELOPER', globex));
    expect(errorCodes(copy)).toEqual(['ALGORITHM_VALIDATION_FAILED']);
    expect(copy.errors?.[0].extensions?.problems).toEqual([expect.objectContaining({ code: 'DUPLICATE_CONTENT' })]);
    expect(errorCodes(await goliath.call(SUBMIT, { input: listing('viewer') }, await goliath.token('VIEWER', acme)))).toEqual(['FORBIDDEN']);
  });

  it('gives the source code and ratings to licence holders only (LICENSE_REQUIRED before a purchase)', async () => {
    const code = Buffer.from('def solve(qubo):\n    return anneal(qubo)\n');
    const submitted = await submit(listing('graph cut', { category: 'Graph', sourceCode: code.toString('base64') }));
    expect(submitted.hasSource).toBe(true);
    await review(submitted.id, 'APPROVE', '');
    expect(dataOf(await goliath.call<{ algorithmSource: { base64: string } }>(SOURCE, { id: submitted.id, v: 1 }, developer)).algorithmSource.base64).toBe(code.toString('base64'));
    expect(errorCodes(await goliath.call(SOURCE, { id: submitted.id, v: 1 }, outsider))).toEqual(['LICENSE_REQUIRED']);
    expect(errorCodes(await goliath.call(RATE, { input: { algorithmId: submitted.id, stars: 5, text: 'great' } }, outsider))).toEqual(['LICENSE_REQUIRED']);

    dataOf(await goliath.call(PURCHASE, { input: { algorithmId: submitted.id, licenseType: 'PERSONAL', idempotencyKey: 'graph-cut-1' } }, await goliath.token('TENANT_ADMIN', globex)));
    const source = dataOf(await goliath.call<{ algorithmSource: { bytes: number; base64: string } }>(SOURCE, { id: submitted.id, v: 1 }, outsider)).algorithmSource;
    expect(Buffer.from(source.base64, 'base64')).toEqual(code);
    await goliath.call(RATE, { input: { algorithmId: submitted.id, stars: 2, text: 'slow' } }, outsider);
    const rated = dataOf(await goliath.call<{ rateAlgorithm: { ratingAverage: number; ratingCount: number } }>(RATE, { input: { algorithmId: submitted.id, stars: 4, text: 'fast <b>enough</b>' } }, outsider)).rateAlgorithm;
    expect(rated).toEqual({ ratingAverage: 4, ratingCount: 1 });
    const shown = dataOf(await goliath.call<{ algorithm: { ratings: unknown[] } }>(ALGORITHM, { id: submitted.id }, developer)).algorithm;
    expect(shown.ratings).toEqual([{ version: 1, stars: 4, text: 'fast enough' }]);
  });

  it('keeps showing the approved version while a new one is in review, and takes a deprecated listing out of discovery', async () => {
    const first = await submit(listing('energy grid', { category: 'Energy' }));
    await review(first.id, 'APPROVE', '');
    const second = await submit(listing('energy grid v2', { algorithmId: first.id, category: 'Energy', name: 'energy grid optimizer II' }));
    expect(second).toMatchObject({ id: first.id, status: 'SUBMITTED', version: 2, publishedVersion: 1 });
    expect(dataOf(await goliath.call<{ algorithm: Listing }>(ALGORITHM, { id: first.id }, outsider)).algorithm).toMatchObject({ name: 'energy grid optimizer', status: 'APPROVED', version: 1, versions: [{ version: 1 }] });
    expect(errorCodes(await goliath.call(SUBMIT, { input: listing('hijack', { algorithmId: first.id }) }, await goliath.token('DEVELOPER', globex)))).toEqual(['NOT_FOUND']);

    const deprecate = 'mutation ($id: ID!) { deprecateAlgorithm(algorithmId: $id, reason: "superseded") { status deprecationReason } }';
    expect(errorCodes(await goliath.call(deprecate, { id: first.id }, await goliath.token('TENANT_ADMIN', globex)))).toEqual(['NOT_FOUND']);
    expect(dataOf(await goliath.call<{ deprecateAlgorithm: unknown }>(deprecate, { id: first.id }, developer)).deprecateAlgorithm).toEqual({ status: 'DEPRECATED', deprecationReason: 'superseded' });
    expect((await discover({ category: 'Energy' })).totalCount).toBe(0);
    expect(dataOf(await goliath.call<{ algorithm: Listing }>(ALGORITHM, { id: first.id }, outsider)).algorithm.status).toBe('DEPRECATED');
  });

  it('serves the recipe schema for clients to validate locally', async () => {
    const schema = dataOf(await goliath.call<{ algorithmRecipeSchema: { required: string[] } }>('query { algorithmRecipeSchema }', {}, outsider)).algorithmRecipeSchema;
    expect(schema.required).toEqual(['strategy', 'timeLimitMs']);
  });
});

describe('marketplace switched off', () => {
  const goliath = useTestPlatform({ env: { MARKETPLACE_ENABLED: 'false' } });

  it('answers FEATURE_DISABLED and stores nothing', async () => {
    const [acme] = await goliath.createTenants('Acme');
    const developer = await goliath.token('DEVELOPER', acme);
    expect(errorCodes(await goliath.call(SUBMIT, { input: listing('disabled') }, developer))).toEqual(['FEATURE_DISABLED']);
    expect(errorCodes(await goliath.call(DISCOVER, { criteria: {} }, developer))).toEqual(['FEATURE_DISABLED']);
  });
});

interface Discovery {
  totalCount: number;
  edges: { cursor: string; node: Record<string, unknown> }[];
  facets: {
    category: { value: string; count: number }[];
    complexity: { value: string; count: number }[];
    priceBands: { value: string; from: number; to: number | null; count: number }[];
    license: { value: string; count: number }[];
  };
}
