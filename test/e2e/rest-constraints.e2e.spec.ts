import { dataOf, errorCodes } from '../support/gateway-client';
import { restClient } from '../support/rest-client';
import { createSmallKnapsack } from '../support/small-knapsack';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(120_000);

const HISTORY = 'query ($id: ID) { constraintEvolutionHistory(constraintId: $id) { evolutionId evolutionReason newParameters actor } }';
const TRAIL = 'query ($t: ID!, $action: String) { auditTrail(tenantId: $t, first: 100, filter: { action: $action }) { edges { node { action target actor } } } }';

/** The seed's constraint-evolution REST paths over the GraphQL operations, and the REST layer's refusals. */
describe('constraint evolution over REST', () => {
  const goliath = useTestPlatform({ env: { SOLVER_WORKERS: '1', EVOLUTION_MODEL_RETRAIN_AFTER: '0' } });
  const rest = restClient(goliath);
  let tenant: string;
  let analyst: string;
  let problemId: string;
  let constraintId: string;

  const optimize = (seed: number, timeLimitMs = 30) =>
    goliath.call('mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { runId } }', { input: { tenantId: tenant, problemId, timeLimitMs, seed } }, analyst);
  const evolutionsNow = async () => dataOf(await goliath.call<{ evolutions: unknown[] }>('query ($t: ID!) { evolutions(tenantId: $t) { evolutionId } }', { t: tenant }, analyst)).evolutions;

  beforeAll(async () => {
    [tenant] = await goliath.createTenants('Acme');
    analyst = await goliath.token('ANALYST', tenant, 'ada');
    ({ problemId, constraintId } = await createSmallKnapsack(goliath.call, tenant, analyst));
    // Solves at the far too low weight 0.1: infeasible, so the evolution has something to raise.
    for (const seed of [1, 2]) dataOf(await optimize(seed));
  });

  it('refuses a caller without a token with 401 and UNAUTHENTICATED, a field the operation does not take and an unknown strategy with 400 and BAD_USER_INPUT, and changes nothing', async () => {
    const seedBody = { tenant_id: tenant, constraint_ids: [constraintId], performance_threshold: 0.85, evolution_strategy: 'aggressive' };
    const anonymous = await rest('POST', '/phase2.1/constraints/evolve', seedBody, null);
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(/Authorization: Bearer/) } } });
    const unknown = await rest('POST', '/phase2.1/constraints/evolve', { ...seedBody, performance_data: { feasibility: 0.2 } }, analyst);
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', message: expect.stringMatching(/^Unknown field performance_data: this endpoint takes tenant_id, /) } } });
    const strategy = await rest('POST', '/phase2.1/constraints/evolve', { ...seedBody, evolution_strategy: 'reckless' }, analyst);
    expect(strategy).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT', message: 'evolution_strategy must be one of conservative, balanced, aggressive, not "reckless".' } } });
    const malformed = await fetch(new URL('/phase2.1/constraints/evolve', goliath.platform.gatewayUrl), { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${analyst}` }, body: '{"tenant_id":' });
    expect({ status: malformed.status, body: await malformed.json() }).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
    expect(await evolutionsNow()).toEqual([]);
  });

  it("evolves with the seed's body, answers in its style, and leaves the history and the audit trail as the GraphQL mutation does", async () => {
    // when the seed's body is posted (its tenant, constraints, threshold and a lower-case strategy)
    const answer = await rest('POST', '/phase2.1/constraints/evolve', { tenant_id: tenant, constraint_ids: [constraintId], performance_threshold: 0.85, evolution_strategy: 'aggressive' }, analyst);
    // then it is evolveConstraints' answer with snake_case keys and lower-case enums
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ tenant_id: tenant, applied: true, status: 'applied', evolution_strategy: 'aggressive', performance_threshold: 0.85, unmet: [] });
    expect(answer.body.updates).toEqual([expect.objectContaining({ constraint_id: constraintId, problem_id: problemId, old_parameters: { penaltyWeight: 0.1, penaltyMethod: 'MANUAL' } })]);
    expect(answer.body.updates[0].predicted_performance).toMatchObject({ source: 'SHADOW_SOLVES', feasibility_probability: expect.any(Number) });
    expect(answer.headers.get('x-correlation-id')).toBeTruthy();
    // and GraphQL sees the same change, by the same caller, audited as the mutation is
    const history = dataOf(await goliath.call<{ constraintEvolutionHistory: { evolutionId: string; actor: string }[] }>(HISTORY, { id: constraintId }, analyst)).constraintEvolutionHistory;
    expect(history).toEqual([expect.objectContaining({ evolutionId: answer.body.evolution_id, actor: 'ada' })]);
    const trail = dataOf(await goliath.call<{ auditTrail: { edges: { node: Record<string, string> }[] } }>(TRAIL, { t: tenant, action: 'optimization.evolveConstraints' })).auditTrail.edges;
    expect(trail.map((edge) => edge.node)).toEqual(expect.arrayContaining([{ action: 'optimization.evolveConstraints', target: constraintId, actor: 'ada' }]));
  });

  it("reads the evolution history from query-string parameters, as GraphQL's constraintEvolutionHistory answers it", async () => {
    const graphql = dataOf(await goliath.call<{ constraintEvolutionHistory: { evolutionId: string; evolutionReason: string; newParameters: unknown }[] }>(HISTORY, { id: constraintId }, analyst)).constraintEvolutionHistory;
    const answer = await rest('GET', '/phase2.1/constraints/evolution-history', { tenant_id: tenant }, analyst);
    expect(answer.status).toBe(200);
    expect(answer.body.map((entry: Record<string, unknown>) => [entry.evolution_id, entry.evolution_reason, entry.new_parameters, entry.actor])).toEqual(graphql.map((entry) => [entry.evolutionId, entry.evolutionReason, entry.newParameters, 'ada']));
    const outsider = await goliath.token('ANALYST', (await goliath.createTenants('Globex'))[0]);
    expect(await rest('GET', '/phase2.1/constraints/evolution-history', { tenant_id: tenant }, outsider)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  });

  it("predicts a constraint's performance from the seed's scenario_data, as GraphQL's predictConstraintPerformance does, and 404s before a model exists", async () => {
    expect(await rest('POST', '/phase2.1/constraints/predict-performance', { constraint_id: constraintId, scenario_data: { penaltyWeight: 4 } }, analyst)).toMatchObject({ status: 404, body: { error: { code: 'EVOLUTION_MODEL_NOT_FOUND' } } });
    // given twenty recorded outcomes at light and heavy weights, and a trained model
    for (const weight of [0.1, 30]) {
      dataOf(await goliath.call('mutation ($id: ID!, $w: Float!) { updateConstraint(constraintId: $id, newParameters: { penaltyWeight: $w }, evolutionReason: "rest e2e") { id } }', { id: constraintId, w: weight }, analyst));
      for (let seed = 1; seed <= 9; seed++) dataOf(await optimize(seed, weight > 1 ? 100 : 30));
    }
    const [model] = dataOf(await goliath.call<{ trainModels: { modelId: string }[] }>('mutation ($t: ID!) { trainModels(tenantId: $t) { modelId } }', { t: tenant }, analyst)).trainModels;
    // when the seed's predict_constraint_performance(constraint_id, scenario_data) is posted
    const answer = await rest('POST', '/phase2.1/constraints/predict-performance', { constraint_id: constraintId, scenario_data: { penaltyWeight: 4 } }, analyst);
    // then the model's prediction comes back in the REST style, the same as over GraphQL
    const graphql = dataOf(
      await goliath.call<{ predictConstraintPerformance: { feasibilityProbability: number } }>('query ($id: ID!) { predictConstraintPerformance(constraintId: $id, scenario: { penaltyWeight: 4 }) { feasibilityProbability } }', { id: constraintId }, analyst),
    ).predictConstraintPerformance;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ constraint_id: constraintId, model_id: model.modelId, feasibility_probability: graphql.feasibilityProbability, scenario: expect.objectContaining({ penaltyWeight: 4 }) });
    expect(answer.body.interval).toEqual({ low: expect.any(Number), high: expect.any(Number), confidence: expect.any(Number) });
  });

  it('serves the OpenAPI document, and answers a path or method it does not serve as such', async () => {
    const document = await (await fetch(new URL('/openapi.json', goliath.platform.gatewayUrl))).json();
    expect(document).toMatchObject({ openapi: '3.1.0', paths: { '/phase2.1/constraints/evolve': { post: { operationId: 'EvolveConstraints' } } } });
    expect(await rest('POST', '/phase2.1/constraints/unknown', {}, analyst)).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    expect(errorCodes(await goliath.call('{ __typename }', {}, analyst))).toEqual([]);
    const wrongMethod = await fetch(new URL('/phase2.1/constraints/evolve', goliath.platform.gatewayUrl), { headers: { authorization: `Bearer ${analyst}` } });
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'POST']);
  });
});
