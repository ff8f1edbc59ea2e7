import type { CompiledEndpoint } from './compile-endpoint';
import { restAnswer } from './rest-answer';
import { compiledEndpoints } from './test-support/api-schema';

describe("REST answers in the seed's style", () => {
  let endpoints: Map<string, CompiledEndpoint>;
  beforeAll(async () => {
    endpoints = await compiledEndpoints();
  });

  it('have snake_case keys and lower-case enum values at every depth, and JSON values unchanged', () => {
    const data = {
      evolveConstraints: {
        evolutionId: 'e1',
        status: 'APPLIED',
        evolutionStrategy: 'AGGRESSIVE',
        updates: [{ constraintId: 'c1', oldParameters: { penaltyWeight: 0.1 }, predictedPerformance: { feasibilityProbability: 0.9, expectedObjective: null } }],
        unmet: [],
      },
    };
    expect(restAnswer(endpoints.get('/phase2.1/constraints/evolve')!, data)).toMatchObject({
      evolution_id: 'e1',
      status: 'applied',
      evolution_strategy: 'aggressive',
      updates: [{ constraint_id: 'c1', old_parameters: { penaltyWeight: 0.1 }, predicted_performance: { feasibility_probability: 0.9, expected_objective: null } }],
      unmet: [],
    });
  });

  it('answer a list field as a JSON array, and lists of enums value by value', () => {
    const data = { authenticate: { isAuthenticated: true, roles: ['ANALYST', 'TENANT_ADMIN'] } };
    expect(restAnswer(endpoints.get('/phase2.1/enterprise/authenticate')!, data)).toMatchObject({ is_authenticated: true, roles: ['analyst', 'tenant_admin'] });
    const history = { constraintEvolutionHistory: [{ constraintId: 'c1', predictedPerformance: null }] };
    expect(restAnswer(endpoints.get('/phase2.1/constraints/evolution-history')!, history)).toMatchObject([{ constraint_id: 'c1', predicted_performance: null }]);
  });
});
