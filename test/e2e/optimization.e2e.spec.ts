import { dataOf, errorCodes } from '../support/gateway-client';
import { useTestPlatform } from '../support/test-platform';

/** Problems and constraints through the gateway: event-sourced, validated by the model layer, tenant-scoped. */
describe('problems and constraints through the gateway', () => {
  const goliath = useTestPlatform();
  const { call } = goliath;
  let tenantId: string;
  let otherTenantAdmin: string;

  const qubo = {
    variables: ['a', 'b', 'c'],
    linear: [{ variable: 'a', coefficient: -1 }, { variable: 'b', coefficient: -2 }],
    quadratic: [{ u: 'a', v: 'b', coefficient: 3 }],
  };
  const createProblem = (input: Record<string, unknown>, token = goliath.admin) =>
    call<{ createProblem: { id: string; variableCount: number; constraintCount: number; qubo: { sense: string } } }>(
      'mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id name variableCount quadraticTermCount constraintCount qubo { sense offset } } }',
      { input },
      token,
    );

  beforeAll(async () => {
    const [acme, globex] = await goliath.createTenants('Acme', 'Globex');
    tenantId = acme;
    otherTenantAdmin = await goliath.token('TENANT_ADMIN', globex);
  });

  it('creates a problem, adds, evolves and removes a constraint, and reads each step back', async () => {
    const problem = dataOf(await createProblem({ tenantId, name: 'Toy', qubo })).createProblem;
    expect(problem).toMatchObject({ variableCount: 3, constraintCount: 0, qubo: { sense: 'MINIMIZE' } });

    const added = dataOf(
      await call<{ addConstraint: { id: string; kind: string; penaltyWeight: number; version: number } }>(
        'mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id kind penaltyWeight version parameters { variables } } }',
        { input: { problemId: problem.id, constraint: { kind: 'ONE_HOT', penaltyWeight: 4, variables: ['a', 'b', 'c'] } } },
      ),
    ).addConstraint;
    expect(added).toMatchObject({ kind: 'ONE_HOT', penaltyWeight: 4, version: 1 });

    const evolved = dataOf(
      await call<{ updateConstraint: Record<string, unknown> }>(
        'mutation ($id: ID!) { updateConstraint(constraintId: $id, newParameters: { penaltyWeight: 9 }, evolutionReason: "violated in 3 of 5 solves") { penaltyWeight version lastEvolutionReason parameters { variables } } }',
        { id: added.id },
      ),
    ).updateConstraint;
    expect(evolved).toEqual({ penaltyWeight: 9, version: 2, lastEvolutionReason: 'violated in 3 of 5 solves', parameters: { variables: ['a', 'b', 'c'] } });

    const listed = dataOf(
      await call<{ constraints: { id: string }[]; problem: { constraintCount: number } }>(
        'query ($tenantId: ID!, $problemId: ID!) { constraints(tenantId: $tenantId, problemId: $problemId) { id } problem(id: $problemId) { constraintCount } }',
        { tenantId, problemId: problem.id },
      ),
    );
    expect(listed).toEqual({ constraints: [{ id: added.id }], problem: { constraintCount: 1 } });

    dataOf(await call('mutation ($id: ID!) { removeConstraint(constraintId: $id, reason: "obsolete") }', { id: added.id }));
    const afterRemoval = dataOf(
      await call<{ constraints: unknown[]; problems: { edges: { node: { constraintCount: number } }[] } }>(
        'query ($tenantId: ID!) { constraints(tenantId: $tenantId) { id } problems(tenantId: $tenantId) { edges { node { constraintCount } } } }',
        { tenantId },
      ),
    );
    expect(afterRemoval.constraints).toEqual([]);
    expect(afterRemoval.problems.edges.map((edge) => edge.node.constraintCount)).toEqual([0]);
  });

  it.each([
    ['an unknown variable in a term', { ...qubo, quadratic: [{ u: 'a', v: 'zz', coefficient: 1 }] }, 'INVALID_QUBO'],
    ['duplicate variable names', { ...qubo, variables: ['a', 'a'] }, 'INVALID_QUBO'],
    ['no variables', { variables: [] }, 'INVALID_QUBO'],
  ])('refuses a problem with %s, naming the reason, and stores nothing', async (_case, badQubo, reason) => {
    const response = await createProblem({ tenantId, name: 'Bad', qubo: badQubo });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toMatchObject({ reason });
    const problems = dataOf(await call<{ problems: { edges: { node: { name: string } }[] } }>('query ($tenantId: ID!) { problems(tenantId: $tenantId) { edges { node { name } } } }', { tenantId }));
    expect(problems.problems.edges.map((edge) => edge.node.name)).not.toContain('Bad');
  });

  it('refuses a constraint that is infeasible by construction, or names an unknown variable', async () => {
    const problem = dataOf(await createProblem({ tenantId, name: 'Strict', qubo })).createProblem;
    for (const constraint of [
      { kind: 'ONE_HOT', penaltyWeight: 1, variables: [] },
      { kind: 'AT_MOST_K', penaltyWeight: 1, variables: ['a', 'ghost'], k: 1 },
      { kind: 'LINEAR_EQUALITY', penaltyWeight: 1, terms: [{ variable: 'a', coefficient: 1 }], rhs: 5 },
    ]) {
      const response = await call('mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id } }', { input: { problemId: problem.id, constraint } });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions).toMatchObject({ reason: 'INVALID_CONSTRAINT' });
    }
  });

  it("keeps another tenant out of a tenant's problems: its ids answer as missing ones, naming the tenant is FORBIDDEN", async () => {
    const problem = dataOf(await createProblem({ tenantId, name: 'Private', qubo })).createProblem;
    expect(errorCodes(await call(`{ problem(id: "${problem.id}") { name } }`, {}, otherTenantAdmin))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await createProblem({ tenantId, name: 'Intruder', qubo }, otherTenantAdmin))).toEqual(['FORBIDDEN']);
    const addForeign = await call(
      'mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id } }',
      { input: { problemId: problem.id, constraint: { kind: 'ONE_HOT', penaltyWeight: 1, variables: ['a'] } } },
      otherTenantAdmin,
    );
    expect(errorCodes(addForeign)).toEqual(['NOT_FOUND']);
  });

  describe('optimizeQubo', () => {
    const optimize = (input: Record<string, unknown>, token = goliath.admin) =>
      call<{ optimizeQubo: { runId: string; strategy: string; best: { assignment: { variable: string; value: number }[]; energy: number; objective: number; feasible: boolean; constraintResults: { satisfied: boolean; violation: number }[] }; stoppedBy: string; trace: unknown[] } }>(
        `mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) {
           runId strategy stoppedBy timeToBestMs totalTimeMs flipsAttempted trace { ms energy }
           best { energy objective feasible assignment { variable value } constraintResults { constraintId kind penalty violation satisfied } } } }`,
        { input },
        token,
      );

    it('solves an inline QUBO with a one-hot constraint to its constrained optimum', async () => {
      // given: minimise -a -2b +3ab, exactly one of a, b, c → the optimum is b alone (objective -2)
      const result = dataOf(await optimize({ tenantId, qubo, constraints: [{ kind: 'ONE_HOT', penaltyWeight: 10, variables: ['a', 'b', 'c'] }], timeLimitMs: 200, seed: 7 })).optimizeQubo;
      expect(result.best).toMatchObject({ objective: -2, energy: -2, feasible: true, constraintResults: [{ satisfied: true, violation: 0 }] });
      expect(result.best.assignment).toEqual([
        { variable: 'a', value: 0 },
        { variable: 'b', value: 1 },
        { variable: 'c', value: 0 },
      ]);
      expect(result.trace.length).toBeGreaterThan(0);
    });

    it("solves a stored problem with its live constraints, reporting the objective in the problem's own sense", async () => {
      const maximise = { variables: ['x', 'y'], linear: [{ variable: 'x', coefficient: 3 }, { variable: 'y', coefficient: 2 }], sense: 'MAXIMIZE' };
      const problem = dataOf(await createProblem({ tenantId, name: 'Pick one', qubo: maximise })).createProblem;
      dataOf(await call('mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id } }', { input: { problemId: problem.id, constraint: { kind: 'AT_MOST_K', penaltyWeight: 10, variables: ['x', 'y'], k: 1 } } }));
      const result = dataOf(await optimize({ tenantId, problemId: problem.id, strategy: 'TABU', timeLimitMs: 200, seed: 1 })).optimizeQubo;
      expect(result.strategy).toBe('TABU');
      expect(result.best).toMatchObject({ objective: 3, feasible: true });
    });

    it.each([
      ['a negative time limit', { timeLimitMs: -5 }, 'timeLimitMs'],
      ['a time limit above the server cap', { timeLimitMs: 10_000_000 }, 'timeLimitMs'],
      ['both a problem and a QUBO', { problemId: 'p' }, 'problemId'],
    ])('refuses %s with BAD_USER_INPUT', async (_case, extra, field) => {
      const response = await optimize({ tenantId, qubo, ...extra });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions).toMatchObject({ field });
    });

    it('refuses an infeasible-by-construction inline constraint, naming the reason', async () => {
      const response = await optimize({ tenantId, qubo, constraints: [{ kind: 'ONE_HOT', penaltyWeight: 1, variables: [] }] });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions).toMatchObject({ reason: 'INVALID_CONSTRAINT' });
    });

    it("refuses to solve another tenant's problem", async () => {
      expect(errorCodes(await optimize({ tenantId, qubo }, otherTenantAdmin))).toEqual(['FORBIDDEN']);
    });
  });

  describe('optimizeMultiObjective', () => {
    // Two conflicting objectives over a, b: "value" wants both on (maximise a + b), "cost" wants
    // them off (minimise 2a + b). The Pareto front is every choice except {a} (dominated by {b}).
    const input = (extra: Record<string, unknown> = {}) => ({
      tenantId,
      variables: ['a', 'b'],
      objectives: [
        { name: 'value', weight: 1, linear: [{ variable: 'a', coefficient: 1 }, { variable: 'b', coefficient: 1 }], sense: 'MAXIMIZE' },
        { name: 'cost', weight: 1, linear: [{ variable: 'a', coefficient: 2 }, { variable: 'b', coefficient: 1 }] },
      ],
      timeLimitMs: 300,
      seed: 5,
      ...extra,
    });
    const optimize = (variables: Record<string, unknown>) =>
      call<{ optimizeMultiObjective: { paretoFront: { objectives: { name: string; value: number }[] }[]; weightedBest: { objectives: { value: number }[] } } }>(
        'mutation ($input: OptimizeMultiObjectiveInput!) { optimizeMultiObjective(input: $input) { runId totalTimeMs paretoFront { objectives { name value } weightedEnergy assignment { variable value } } weightedBest { objectives { name value } } } }',
        { input: variables },
      );

    it('answers the non-dominated trade-offs and the weighted best', async () => {
      const result = dataOf(await optimize(input())).optimizeMultiObjective;
      const front = result.paretoFront.map((point) => point.objectives.map((objective) => objective.value));
      expect(front.sort()).toEqual([[0, 0], [1, 1], [2, 3]].sort());
    });

    it('refuses a single objective or a negative weight', async () => {
      const single = await optimize({ ...input(), objectives: input().objectives.slice(0, 1) });
      expect(errorCodes(single)).toEqual(['BAD_USER_INPUT']);
      const negative = await optimize(input({ objectives: [{ ...input().objectives[0], weight: -1 }, input().objectives[1]] }));
      expect(negative.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'objectives[0].weight' });
    });
  });
});
