import type { GraphQLError } from 'graphql';
import type { CompiledEndpoint } from './compile-endpoint';
import { requestVariables } from './request-variables';
import { compiledEndpoints } from './test-support/api-schema';

describe('REST request fields as GraphQL variables', () => {
  let endpoints: Map<string, CompiledEndpoint>;
  beforeAll(async () => {
    endpoints = await compiledEndpoints();
  });
  const variables = (path: string, fields: unknown, source: 'body' | 'query' = 'body') => requestVariables(endpoints.get(path)!, fields, source);
  const refusal = (path: string, fields: unknown, source: 'body' | 'query' = 'body') => {
    try {
      variables(path, fields, source);
    } catch (error) {
      return { code: (error as GraphQLError).extensions.code, field: (error as GraphQLError).extensions.field, message: (error as GraphQLError).message };
    }
    throw new Error('expected a refusal');
  };

  it("translates the seed's constraint-evolution body: snake_case names, a lower-case strategy", () => {
    const body = { tenant_id: 'tenant_123', constraint_ids: ['constraint_1', 'constraint_2'], performance_threshold: 0.85, evolution_strategy: 'aggressive' };
    expect(variables('/phase2.1/constraints/evolve', body)).toEqual({
      input: { tenantId: 'tenant_123', constraintIds: ['constraint_1', 'constraint_2'], performanceThreshold: 0.85, evolutionStrategy: 'AGGRESSIVE' },
    });
  });

  it("translates the seed's demand-prediction and sign-in bodies, and leaves JSON and base64 values as they are", () => {
    expect(variables('/phase2.1/scaling/predict-demand', { tenant_id: 't', time_horizon: 24, resource_types: ['compute', 'memory', 'storage'], include_business_cycles: true })).toEqual({
      input: { tenantId: 't', timeHorizon: 24, resourceTypes: ['COMPUTE', 'MEMORY', 'STORAGE'], includeBusinessCycles: true },
    });
    expect(variables('/phase2.1/enterprise/authenticate', { auth_type: 'saml', assertion: 'PHNhbWw+', issuer: 'https://idp.example', tenant_id: 't' })).toEqual({
      input: { authType: 'SAML', assertion: 'PHNhbWw+', issuer: 'https://idp.example', tenantId: 't' },
    });
    expect(variables('/phase2.1/constraints/predict-performance', { constraint_id: 'c', scenario_data: { penaltyWeight: 4, time_limit_ms: 1 } })).toEqual({
      constraintId: 'c',
      scenarioData: { penaltyWeight: 4, time_limit_ms: 1 },
    });
  });

  it('translates nested input objects by their snake_case names too', () => {
    const body = { name: 'n', description: 'd', category: 'Finance', complexity: 'Advanced', price: 99.99, currency: 'USD', license_terms: 't', recipe: { timeLimitMs: 2 }, documentation: '#', source_code: 'cHJpbnQ=', license_prices: [{ license_type: 'commercial', price: 500 }] };
    expect(variables('/phase2.1/community/submit-algorithm', body).input).toMatchObject({ licenseTerms: 't', sourceCode: 'cHJpbnQ=', recipe: { timeLimitMs: 2 }, licensePrices: [{ licenseType: 'COMMERCIAL', price: 500 }] });
  });

  it("reads a query string's text as the numbers, booleans and lists the operation's types ask for", () => {
    expect(variables('/phase2.1/community/discover-algorithms', { category: 'Finance', max_price: '100', first: '5', license: 'commercial' }, 'query')).toEqual({
      criteria: { category: 'Finance', maxPrice: 100, first: 5, license: 'COMMERCIAL' },
    });
    expect(variables('/phase2.1/constraints/evolution-history', {}, 'query')).toEqual({});
    expect(refusal('/phase2.1/community/discover-algorithms', { first: 'many' }, 'query')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first', message: expect.stringMatching(/^first: Int cannot represent/) });
  });

  it('refuses fields the operation does not take, naming every one and what it takes, instead of dropping them', () => {
    expect(refusal('/phase2.1/constraints/evolve', { tenant_id: 't', performance_data: {}, strategy: 'x' })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'performance_data',
      message: 'Unknown fields performance_data, strategy: this endpoint takes tenant_id, problem_id, constraint_ids, performance_threshold, evolution_strategy, dry_run.',
    });
    expect(refusal('/phase2.1/community/submit-algorithm', { license_prices: [{ license_type: 'personal', price: 1, currency: 'EUR' }] }).message).toContain('unknown field license_prices[0].currency: license_prices[0] takes license_type, price');
  });

  it('refuses an enum value it does not know, listing the lower-case ones it does', () => {
    expect(refusal('/phase2.1/constraints/evolve', { tenant_id: 't', evolution_strategy: 'reckless' })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'evolution_strategy',
      message: 'evolution_strategy must be one of conservative, balanced, aggressive, not "reckless".',
    });
  });

  it('refuses missing required fields, nulls where a value is required, and values the scalar refuses, each by its REST name', () => {
    expect(refusal('/phase2.1/community/purchase-algorithm', { algorithm_id: 'a', license_type: null })).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'license_type',
      message: 'license_type must not be null; idempotency_key is required.',
    });
    expect(refusal('/phase2.1/scaling/predict-demand', { tenant_id: 't', time_horizon: '24' }).message).toBe('time_horizon: Int cannot represent non-integer value: "24".');
    expect(refusal('/phase2.1/scaling/predict-demand', [{ tenant_id: 't' }]).message).toMatch(/JSON object/);
  });
});
