import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { parseBqp } from '../../subgraphs/optimization/model';
import { dataOf, errorCodes, type GraphQLResponse } from '../support/gateway-client';
import { sharedDataFile } from '../support/shared-data';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(120_000);

interface StoredProblem {
  readonly id: string;
  readonly name: string;
  readonly variableCount: number;
  readonly quadraticTermCount: number;
  readonly constraintCount: number;
  readonly qubo: { readonly sense: string };
}

const PROBLEM_FIELDS = 'id name variableCount quadraticTermCount constraintCount qubo { sense }';
const FROM_TEMPLATE = `mutation ($input: CreateProblemFromTemplateInput!) { createProblemFromTemplate(input: $input) { ${PROBLEM_FIELDS} } }`;
const FROM_FILE = `mutation ($input: CreateProblemFromFileInput!) { createProblemFromFile(input: $input) { ${PROBLEM_FIELDS} } }`;

const bqp1000Gzip = () => readFileSync(sharedDataFile('qubo', 'orlib', 'bqp1000.gz'));

/**
 * Issue 15: templates and instance files through the gateway. Each stores what createProblem and
 * addConstraint would (read back, solved), refusals store nothing, and only the upload may send
 * a body over the gateway's usual 5 MB.
 */
describe('createProblemFromTemplate and createProblemFromFile', () => {
  // bqp1000's instances have about 50,000 pairs each: within the limit, which a large assignment's constraints exceed.
  const goliath = useTestPlatform({ env: { SOLVER_WORKERS: '0', QUBO_MAX_QUADRATIC_TERMS: '100000' } });
  let tenantId: string;

  beforeAll(async () => {
    [tenantId] = await goliath.createTenants('Templates and files');
  });

  const fromTemplate = (input: Record<string, unknown>) => goliath.call<{ createProblemFromTemplate: StoredProblem }>(FROM_TEMPLATE, { input: { tenantId, ...input } });
  const fromFile = (input: Record<string, unknown>) => goliath.call<{ createProblemFromFile: StoredProblem }>(FROM_FILE, { input: { tenantId, ...input } });
  const problemNames = async () =>
    dataOf(await goliath.call<{ problems: { edges: { node: { name: string } }[] } }>('query ($t: ID!) { problems(tenantId: $t, first: 100) { edges { node { name } } } }', { t: tenantId })).problems.edges.map(
      (edge) => edge.node.name,
    );
  const readBack = async (id: string) =>
    dataOf(
      await goliath.call<{ problem: StoredProblem; constraints: { kind: string; penaltyMethod: string; penaltyWeight: number }[] }>(
        `query ($id: ID!, $t: ID!, $p: ID) { problem(id: $id) { ${PROBLEM_FIELDS} } constraints(tenantId: $t, problemId: $p) { kind penaltyMethod penaltyWeight } }`,
        { id, t: tenantId, p: id },
      ),
    );
  const solve = async (problemId: string) =>
    dataOf(
      await goliath.call<{ optimizeQubo: { best: { objective: number; feasible: boolean } } }>(
        'mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { best { objective feasible } } }',
        { input: { tenantId, problemId, strategy: 'TABU', timeLimitMs: 300, seed: 1 } },
      ),
    ).optimizeQubo.best;
  const refusalOf = (response: GraphQLResponse<unknown>) => {
    expect(response.data ?? null).toBeNull();
    return response.errors![0];
  };

  describe('templates', () => {
    it.each<[string, Record<string, unknown>, { variables: number; constraints: string[]; sense: string; optimum: number }]>([
      // values 3, 2, 4 weighing 2, 1, 3 into 4: items 2 and 3 pack 6
      ['KNAPSACK', { knapsack: { values: [3, 2, 4], weights: [2, 1, 3], capacity: 4 } }, { variables: 3, constraints: ['LINEAR_INEQUALITY'], sense: 'MAXIMIZE', optimum: 6 }],
      // a triangle with a tail: two of the triangle's edges and the tail are cut
      ['MAX_CUT', { maxCut: { edges: [{ u: 'a', v: 'b' }, { u: 'b', v: 'c' }, { u: 'c', v: 'a' }, { u: 'c', v: 'd', weight: 1 }] } }, { variables: 4, constraints: [], sense: 'MAXIMIZE', optimum: 3 }],
      // the cheapest of the six permutations: 1 + 2 + 2
      ['ASSIGNMENT', { assignment: { costs: [[4, 1, 3], [2, 0, 5], [3, 2, 2]] } }, { variables: 9, constraints: Array(6).fill('ONE_HOT'), sense: 'MINIMIZE', optimum: 5 }],
      // returns 0.3, 0.2, 0.1 without risk, exactly two held: the first two
      ['PORTFOLIO', { portfolio: { expectedReturns: [0.3, 0.2, 0.1], covariance: [[0, 0, 0], [0, 0, 0], [0, 0, 0]], riskAversion: 0, budget: 2 } }, { variables: 3, constraints: ['LINEAR_EQUALITY'], sense: 'MINIMIZE', optimum: -0.5 }],
      // a path a–b–c in two colours costing 1 and 2: a and c take the cheap one
      ['GRAPH_COLOURING', { graphColouring: { edges: [{ u: 'a', v: 'b' }, { u: 'b', v: 'c' }], colourCount: 2 } }, { variables: 6, constraints: ['ONE_HOT', 'ONE_HOT', 'ONE_HOT', 'CUSTOM_PENALTY', 'CUSTOM_PENALTY'], sense: 'MINIMIZE', optimum: 4 }],
    ])('given %s data, when a problem is created from it, then it reads back with its constraints and solves to the domain optimum', async (template, data, expected) => {
      const created = dataOf(await fromTemplate({ name: `${template} problem`, template, ...data })).createProblemFromTemplate;
      expect(created).toMatchObject({ name: `${template} problem`, variableCount: expected.variables, constraintCount: expected.constraints.length, qubo: { sense: expected.sense } });

      const { problem, constraints } = await readBack(created.id);
      expect(problem).toEqual(created);
      expect(constraints.map((constraint) => constraint.kind).sort()).toEqual([...expected.constraints].sort());
      for (const constraint of constraints) expect(constraint).toMatchObject({ penaltyMethod: 'MANUAL', penaltyWeight: expect.any(Number) });

      const best = await solve(created.id);
      expect(best.feasible).toBe(true);
      expect(best.objective).toBeCloseTo(expected.optimum, 9);
    });

    it("given a template's data that does not fit together, when created, then the model's reason and field come back and nothing is stored", async () => {
      const before = await problemNames();
      const refused = refusalOf(await fromTemplate({ name: 'Unfit knapsack', template: 'KNAPSACK', knapsack: { values: [1, 2], weights: [1], capacity: 1 } }));
      expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_TEMPLATE_INPUT', field: 'weights' });
      expect(await problemNames()).toEqual(before);
    });

    it('given the data of another template than the one named, or none, when created, then BAD_USER_INPUT names the field', async () => {
      const other = refusalOf(await fromTemplate({ name: 'Mixed', template: 'MAX_CUT', maxCut: { edges: [{ u: 'a', v: 'b' }] }, knapsack: { values: [1], weights: [1], capacity: 1 } }));
      expect(other.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'knapsack' });
      const none = refusalOf(await fromTemplate({ name: 'Empty', template: 'PORTFOLIO' }));
      expect(none.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'portfolio' });
    });

    it('given constraints that would make the problem larger than the model limits, when created, then PROBLEM_TOO_LARGE and neither the problem nor any constraint is stored', async () => {
      // 60 × 60 assignment: 3,600 variables and no pairs, within the limits; each agent's and task's one-hot adds 1,770 pairs (each alone would be accepted), 212,400 in all
      const costs = Array.from({ length: 60 }, (_, a) => Array.from({ length: 60 }, (_, t) => (a + t) % 7));
      const before = await problemNames();
      const refused = refusalOf(await fromTemplate({ name: 'Too large', template: 'ASSIGNMENT', assignment: { costs } }));
      expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'PROBLEM_TOO_LARGE' });
      expect(await problemNames()).toEqual(before);
    });
  });

  describe('files', () => {
    it.each<[string, string, number | undefined, { variables: number; sense: string }]>([
      ['ORLIB_BQP', '2\n2 1\n1 1 5\n3 2\n1 2 -1\n2 3 4\n', 2, { variables: 3, sense: 'MAXIMIZE' }],
      ['GSET', '3 2\n1 2 1\n2 3 1\n', undefined, { variables: 3, sense: 'MAXIMIZE' }],
      ['MATRIX', '1 -2 0\n0 3 4\n0 0 -5\n', undefined, { variables: 3, sense: 'MINIMIZE' }],
      ['JSON', '{"variables": ["a", "b"], "quadratic": [{"u": "a", "v": "b", "coefficient": 2}]}', undefined, { variables: 2, sense: 'MINIMIZE' }],
    ])('given a small %s file as text, when uploaded, then its problem is stored and reads back', async (format, content, instance, expected) => {
      const created = dataOf(await fromFile({ name: `${format} file`, format, instance, content })).createProblemFromFile;
      expect(created).toMatchObject({ variableCount: expected.variables, constraintCount: 0, qubo: { sense: expected.sense } });
      expect((await readBack(created.id)).problem).toEqual(created);
    });

    it('given the same small file gzipped and base64-encoded, when uploaded, then it is read as the text is', async () => {
      const content = gzipSync('3 2\n1 2 1\n2 3 1\n').toString('base64');
      const created = dataOf(await fromFile({ name: 'Gzipped gset', format: 'GSET', content })).createProblemFromFile;
      expect(created).toMatchObject({ variableCount: 3, quadraticTermCount: 2 });
    });

    it("given bqp1000.gz gzipped and base64-encoded, when its first instance is uploaded, then the problem has the instance's 1,000 variables and every pair", async () => {
      const gzipped = bqp1000Gzip();
      const expected = parseBqp(gzipped, { instance: 1 });
      const created = dataOf(await fromFile({ name: 'bqp1000.1', format: 'ORLIB_BQP', instance: 1, content: gzipped.toString('base64') })).createProblemFromFile;
      expect(created).toMatchObject({ variableCount: 1000, quadraticTermCount: expected.quadraticTermCount, qubo: { sense: 'MAXIMIZE' } });
      expect(expected.quadraticTermCount).toBeGreaterThan(40_000);
    });

    it('given the whole of bqp1000 as text (a request body over 5 MB), when its last instance is uploaded, then the gateway reads it and the problem is stored', async () => {
      const text = gunzipSync(bqp1000Gzip()).toString('utf8');
      expect(Buffer.byteLength(JSON.stringify(text))).toBeGreaterThan(5 * 1024 * 1024);
      const created = dataOf(await fromFile({ name: 'bqp1000.10', format: 'ORLIB_BQP', instance: 10, content: text })).createProblemFromFile;
      expect(created).toMatchObject({ variableCount: 1000, quadraticTermCount: parseBqp(text, { instance: 10 }).quadraticTermCount });
    });

    it('given a malformed file, when uploaded, then MALFORMED_FILE names the line and no problem is listed afterwards', async () => {
      const before = await problemNames();
      const refused = refusalOf(await fromFile({ name: 'Malformed gset', format: 'GSET', content: '3 2\n1 2 1\n2 x 1\n' }));
      expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MALFORMED_FILE' });
      expect(refused.message).toMatch(/^gset line 3: v must be an integer, got "x"/);
      expect(await problemNames()).toEqual(before);
      expect(before).not.toContain('Malformed gset');
    });

    it('given an instance the file does not have, when uploaded, then INVALID_QUBO on instance and nothing is stored', async () => {
      const refused = refusalOf(await fromFile({ name: 'Instance 11', format: 'ORLIB_BQP', instance: 11, content: bqp1000Gzip().toString('base64') }));
      expect(refused.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'INVALID_QUBO', field: 'instance' });
      expect(await problemNames()).not.toContain('Instance 11');
    });

    it('given a file over UPLOAD_MAX_BYTES (8 MiB by default) as text, or gzipped to a few kilobytes, when uploaded, then UPLOAD_TOO_LARGE names the limit and nothing is stored', async () => {
      const tooLarge = 8 * 1024 * 1024 + 1;
      const asText = refusalOf(await fromFile({ name: 'Too large as text', format: 'GSET', content: `1 0\n${' '.repeat(tooLarge - 4)}` }));
      expect(asText.extensions).toMatchObject({ code: 'UPLOAD_TOO_LARGE', field: 'content', limit: 8 * 1024 * 1024 });
      expect(asText.message).toMatch(/UPLOAD_MAX_BYTES/);

      const bomb = gzipSync(Buffer.alloc(tooLarge, ' ')).toString('base64');
      expect(bomb.length).toBeLessThan(100_000);
      const decompressed = refusalOf(await fromFile({ name: 'Too large decompressed', format: 'GSET', content: bomb }));
      expect(decompressed.extensions).toMatchObject({ code: 'UPLOAD_TOO_LARGE' });

      expect(await problemNames()).not.toEqual(expect.arrayContaining(['Too large as text']));
      expect(await problemNames()).not.toEqual(expect.arrayContaining(['Too large decompressed']));
    });
  });

  describe('the gateway body limit', () => {
    const post = (body: string) => fetch(goliath.platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${goliath.admin}` }, body });
    const padded = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables: { ...variables, padding: 'x'.repeat(6 * 1024 * 1024) } });

    it('given any other operation with a body over 5 MB, when sent, then it is refused with 413 as before uploads existed', async () => {
      const response = await post(padded('query ($t: ID!) { problems(tenantId: $t) { pageInfo { hasNextPage } } }', { t: tenantId }));
      expect(response.status).toBe(413);
      await response.text();
    });

    it('given an upload beside another root field with a body over 5 MB, when sent, then it is refused with 413 too', async () => {
      const response = await post(padded(`mutation ($input: CreateProblemFromFileInput!) { createProblemFromFile(input: $input) { id } createProblem(input: { tenantId: "t", name: "n", qubo: { variables: ["a"] } }) { id } }`, { input: { tenantId, name: 'Smuggled', format: 'GSET', content: '1 0\n' } }));
      expect(response.status).toBe(413);
      await response.text();
    });

    it('given the same operation with a body under 5 MB, when sent, then it is answered', async () => {
      const response = await post(JSON.stringify({ query: 'query ($t: ID!) { problems(tenantId: $t) { pageInfo { hasNextPage } } }', variables: { t: tenantId, padding: 'x'.repeat(1024) } }));
      expect(response.status).toBe(200);
      expect(errorCodes((await response.json()) as GraphQLResponse<unknown>)).toEqual([]);
    });
  });
});
