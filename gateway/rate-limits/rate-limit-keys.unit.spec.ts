import { parse, type OperationDefinitionNode } from 'graphql';
import type { AuthContext } from '../../platform/auth/auth-context';
import { rateLimitKeys } from './rate-limit-keys';

const keysOf = (auth: AuthContext, source: string, variables: Record<string, unknown> = {}) => {
  const document = parse(source);
  const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition') as OperationDefinitionNode;
  return rateLimitKeys(auth, operation, document, variables);
};

describe('rateLimitKeys', () => {
  const tenantAdmin: AuthContext = { subject: 'alice', roles: ['TENANT_ADMIN'], tenantId: 't-1', tokenId: 'x', authMethod: 'development' };
  const platformAdmin: AuthContext = { subject: 'root', roles: ['PLATFORM_ADMIN'], tokenId: 'y', authMethod: 'development' };

  it('counts the caller, the tenant and each root field, through fragments, without introspection, a point a selection', () => {
    const keys = keysOf(tenantAdmin, 'query Named { __typename tenant(id: "1") { id } ...More } fragment More on Query { problems(tenantId: "1") { edges { cursor } } ... on Query { tenant(id: "2") { id } } }');
    expect(keys).toEqual([
      { scope: 'user', key: 'alice', points: 3 },
      { scope: 'tenant', key: 't-1', points: 3 },
      { scope: 'operation', key: 'query.problems', points: 1 },
      { scope: 'operation', key: 'query.tenant', points: 2 },
    ]);
  });

  it('charges a synchronous solve a point per second of solver time it asks for, every alias apart, inline or in variables', () => {
    const aliased = Array.from({ length: 15 }, (_, index) => `s${index}: optimizeQubo(input: { tenantId: "t-1", timeLimitMs: 10000 }) { runId }`).join(' ');
    expect(keysOf(tenantAdmin, `mutation { ${aliased} }`)).toContainEqual({ scope: 'tenant', key: 't-1', points: 150 });
    const viaVariables = keysOf(tenantAdmin, 'mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { runId } }', { input: { tenantId: 't-1', timeLimitMs: 2500 } });
    expect(viaVariables).toContainEqual({ scope: 'operation', key: 'mutation.optimizeQubo', points: 3 });
    expect(keysOf(tenantAdmin, 'mutation { optimizeMultiObjective(input: { tenantId: "t-1" }) { runId } }')).toContainEqual({ scope: 'user', key: 'alice', points: 2 });
  });

  it('charges a solve no more than the longest it can be given, and an introspection-only request one point', () => {
    const document = parse('mutation { optimizeQubo(input: { tenantId: "t-1", timeLimitMs: 999999999 }) { runId } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(rateLimitKeys(tenantAdmin, operation, document, {}, 10_000)).toContainEqual({ scope: 'user', key: 'alice', points: 10 });
    expect(keysOf(tenantAdmin, '{ __typename }')).toEqual([
      { scope: 'user', key: 'alice', points: 1 },
      { scope: 'tenant', key: 't-1', points: 1 },
    ]);
  });

  it('counts platform administrators under the platform tenant and mutations by their own root field', () => {
    expect(keysOf(platformAdmin, 'mutation { createTenant(input: { name: "A" }) { id } }')).toEqual([
      { scope: 'user', key: 'root', points: 1 },
      { scope: 'tenant', key: 'platform', points: 1 },
      { scope: 'operation', key: 'mutation.createTenant', points: 1 },
    ]);
  });
});
