import Ajv from 'ajv';
import { compileEndpoint, type CompiledEndpoint } from './compile-endpoint';
import { openApiDocument } from './openapi-document';
import { restAnswer } from './rest-answer';
import { REST_ENDPOINTS } from './rest-operations';
import { compiledEndpoints, everyCompiledEndpoint, gatewayApiSchema } from './test-support/api-schema';
import { openApiValidators } from './test-support/openapi-validator';

type Json = Record<string, any>;

/** What any OpenAPI 3.1 document has: the parts a client generator reads first. */
const OPENAPI_3_1_OUTLINE = {
  type: 'object',
  required: ['openapi', 'info', 'paths', 'components'],
  properties: {
    openapi: { type: 'string', pattern: '^3\\.1\\.\\d+$' },
    info: { type: 'object', required: ['title', 'version'], properties: { title: { type: 'string' }, version: { type: 'string' } } },
    paths: {
      type: 'object',
      propertyNames: { pattern: '^/' },
      additionalProperties: {
        type: 'object',
        propertyNames: { enum: ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] },
        additionalProperties: {
          type: 'object',
          required: ['operationId', 'responses'],
          properties: {
            operationId: { type: 'string' },
            parameters: { type: 'array', items: { type: 'object', required: ['name', 'in', 'schema'], properties: { in: { enum: ['query'] } } } },
            requestBody: { type: 'object', required: ['content'] },
            responses: {
              type: 'object',
              minProperties: 1,
              propertyNames: { pattern: '^[1-5][0-9][0-9]$' },
              additionalProperties: { anyOf: [{ type: 'object', required: ['$ref'] }, { type: 'object', required: ['description'] }] },
            },
          },
        },
      },
    },
    components: { type: 'object', properties: { schemas: { type: 'object' }, responses: { type: 'object' }, securitySchemes: { type: 'object' } } },
  },
};

/** Every `$ref` in the document, with where it is. */
function refs(value: unknown, at = '#'): [string, string][] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => (key === '$ref' ? [[at, child as string] as [string, string]] : refs(child, `${at}/${key}`)));
}

function resolve(document: Json, ref: string): unknown {
  return ref
    .replace(/^#\//, '')
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, part) => node?.[part], document);
}

describe('the OpenAPI document of the REST endpoints', () => {
  let endpoints: Map<string, CompiledEndpoint>;
  let document: Json;
  beforeAll(async () => {
    endpoints = await compiledEndpoints();
    document = openApiDocument(await everyCompiledEndpoint(), '1');
  });
  const validatorAt = (...path: string[]) => openApiValidators(document)(...path);

  it('has the outline of an OpenAPI 3.1 document', () => {
    const validate = new Ajv({ allErrors: true }).compile(OPENAPI_3_1_OUTLINE);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
  });

  it('has every endpoint at its path and method, named after its GraphQL operation (or its own id where two paths share one), each id once', async () => {
    const schema = await gatewayApiSchema();
    const ids: string[] = [];
    for (const endpoint of REST_ENDPOINTS) {
      const operation = document.paths[endpoint.path]?.[endpoint.method.toLowerCase()];
      expect(operation?.operationId).toBe(endpoint.operationId ?? compileEndpoint(schema, endpoint).operationName);
      ids.push(operation.operationId);
    }
    expect(new Set(ids).size).toBe(REST_ENDPOINTS.length);
    expect(Object.keys(document.paths)).toHaveLength(new Set(REST_ENDPOINTS.map((endpoint) => endpoint.path)).size);
  });

  it('resolves every $ref it makes', () => {
    const unresolved = refs(document).filter(([, ref]) => resolve(document, ref) === undefined);
    expect(refs(document).length).toBeGreaterThan(20);
    expect(unresolved).toEqual([]);
  });

  it("describes the seed's request bodies with their snake_case names, required fields and lower-case enums", () => {
    const body = document.paths['/phase2.1/constraints/evolve'].post.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(['tenant_id', 'problem_id', 'constraint_ids', 'performance_threshold', 'evolution_strategy', 'dry_run']);
    expect(body).toMatchObject({ required: ['tenant_id'], additionalProperties: false });
    expect(resolve(document, body.properties.evolution_strategy.$ref)).toMatchObject({ enum: ['conservative', 'balanced', 'aggressive'] });
    const discover = document.paths['/phase2.1/community/discover-algorithms'].get.parameters.map((parameter: Json) => parameter.name);
    expect(discover).toEqual(['text', 'category', 'complexity', 'max_price', 'min_rating', 'license', 'sort', 'first', 'after', 'timeout_ms']);
  });

  it('asks for a token on every endpoint but sign-in', () => {
    const open = REST_ENDPOINTS.filter((endpoint) => document.paths[endpoint.path][endpoint.method.toLowerCase()].security?.length === 0).map((endpoint) => endpoint.path);
    expect(open).toEqual(['/phase2.1/enterprise/authenticate']);
    expect(document.security).toEqual([{ bearer: [] }]);
  });

  it("has a valid JSON Schema for every request and answer, which an answer in the REST layer's style meets and a GraphQL-style one does not", () => {
    for (const endpoint of REST_ENDPOINTS) {
      const method = endpoint.method.toLowerCase();
      expect(() => validatorAt('paths', endpoint.path, method, 'responses', '200', 'content', 'application/json', 'schema')).not.toThrow();
      if (method === 'post') expect(() => validatorAt('paths', endpoint.path, method, 'requestBody', 'content', 'application/json', 'schema')).not.toThrow();
    }
    const answer = validatorAt('paths', '/phase2.1/enterprise/compliance-check', 'post', 'responses', '200', 'content', 'application/json', 'schema');
    const data = { checkCompliance: { isCompliant: false, violations: [{ framework: 'GDPR', requirement: 'Art.17', message: 'erased' }], evaluatedAt: '2026-01-01T00:00:00Z' } };
    expect(answer(restAnswer(endpoints.get('/phase2.1/enterprise/compliance-check')!, data)) ? [] : answer.errors).toEqual([]);
    expect(answer(data.checkCompliance)).toBe(false);
    const error = validatorAt('components', 'schemas', 'Error');
    expect(error({ error: { code: 'BAD_USER_INPUT', message: 'no' } })).toBe(true);
  });
});
