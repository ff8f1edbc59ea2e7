import { getNamedType, isInputObjectType, parse } from 'graphql';
import { compileEndpoint } from './compile-endpoint';
import { REST_ENDPOINTS } from './rest-operations';
import { compiledEndpoints, everyCompiledEndpoint, gatewayApiSchema } from './test-support/api-schema';

describe('the REST endpoints compiled against the gateway schema', () => {
  it("are the seed's thirteen paths and the algorithms collection, each one named operation of one root field that validates against the supergraph", async () => {
    expect((await everyCompiledEndpoint()).map(({ endpoint, rootField }) => `${endpoint.method} ${endpoint.path} → ${rootField.name}`)).toEqual([
      'POST /phase2.1/constraints/evolve → evolveConstraints',
      'POST /phase2.1/constraints/predict-performance → predictConstraintPerformance',
      'GET /phase2.1/constraints/evolution-history → constraintEvolutionHistory',
      'POST /phase2.1/scaling/predict-demand → predictResourceDemand',
      'POST /phase2.1/scaling/optimize-schedule → optimizeScalingSchedule',
      'POST /phase2.1/scaling/apply-schedule → applyScalingSchedule',
      'POST /phase2.1/enterprise/authenticate → authenticate',
      'POST /phase2.1/enterprise/compliance-check → checkCompliance',
      'POST /phase2.1/enterprise/audit-log → recordAuditEntry',
      'POST /phase2.1/community/submit-algorithm → submitAlgorithm',
      'GET /phase2.1/community/discover-algorithms → discoverAlgorithms',
      'POST /phase2.1/community/purchase-algorithm → purchaseAlgorithm',
      'POST /phase2.1/community/create-tutorial → createTutorial',
      'GET /phase2.1/community/algorithms → discoverAlgorithms',
      'POST /phase2.1/community/algorithms → submitAlgorithm',
    ]);
  });

  it("spreads an input object's fields into the request with the seed's snake_case names, and names other variables as the document does", async () => {
    const endpoints = await compiledEndpoints();
    const fields = (path: string) => endpoints.get(path)!.requestFields.map((field) => `${field.name}${field.required ? '!' : ''}`);
    expect(fields('/phase2.1/constraints/evolve')).toEqual(['tenant_id!', 'problem_id', 'constraint_ids', 'performance_threshold', 'evolution_strategy', 'dry_run']);
    expect(fields('/phase2.1/scaling/predict-demand')).toEqual(['tenant_id!', 'time_horizon', 'resource_types', 'include_business_cycles']);
    expect(fields('/phase2.1/constraints/predict-performance')).toEqual(['constraint_id!', 'scenario_data!']);
    expect(fields('/phase2.1/enterprise/authenticate')).toEqual(expect.arrayContaining(['auth_type', 'tenant_id!', 'assertion', 'issuer']));
    expect(fields('/phase2.1/community/submit-algorithm')).toEqual(expect.arrayContaining(['name!', 'description!', 'category!', 'complexity!', 'price!', 'source_code', 'documentation!']));
  });

  it('takes only scalars, enums and lists of them on GET, since a query string carries nothing else', async () => {
    for (const compiled of (await compiledEndpoints()).values()) {
      if (compiled.endpoint.method !== 'GET') continue;
      for (const field of compiled.requestFields) expect(`${field.name}: ${isInputObjectType(getNamedType(field.type))}`).toBe(`${field.name}: false`);
    }
  });

  it('refuses a document that does not validate, and one whose spread fields collide', async () => {
    const schema = await gatewayApiSchema();
    expect(() => compileEndpoint(schema, { ...REST_ENDPOINTS[0], document: 'query Nope { nope }' })).toThrow(/Cannot query field "nope"/);
    const colliding = 'query Discover($criteria: DiscoverAlgorithmsInput!, $timeoutMs: Int) { discoverAlgorithms(criteria: $criteria, timeoutMs: $timeoutMs) { totalCount } }';
    expect(() => compileEndpoint(schema, { ...REST_ENDPOINTS[0], document: colliding })).toThrow(/timeout_ms come from more than one variable/);
  });

  it('keeps every document within the default token limit (QUERY_MAX_TOKENS = 1000)', () => {
    for (const endpoint of REST_ENDPOINTS) expect(parse(endpoint.document, { maxTokens: 1000 })).toBeDefined();
  });
});
