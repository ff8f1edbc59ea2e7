import { parse, type OperationDefinitionNode } from 'graphql';
import type { AuthContext } from '../../platform/auth/auth-context';
import { rateLimitKeys } from './rate-limit-keys';

const keysOf = (auth: AuthContext, source: string) => {
  const document = parse(source);
  const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition') as OperationDefinitionNode;
  return rateLimitKeys(auth, operation, document);
};

describe('rateLimitKeys', () => {
  const tenantAdmin: AuthContext = { subject: 'alice', roles: ['tenant-admin'], tenantId: 't-1', tokenId: 'x', authMethod: 'development' };
  const platformAdmin: AuthContext = { subject: 'root', roles: ['platform-admin'], tokenId: 'y', authMethod: 'development' };

  it('counts the caller, the tenant and each root field, through fragments, without introspection', () => {
    const keys = keysOf(tenantAdmin, 'query Named { __typename tenant(id: "1") { id } ...More } fragment More on Query { problems(tenantId: "1") { edges { cursor } } ... on Query { tenant(id: "2") { id } } }');
    expect(keys).toEqual([
      { scope: 'user', key: 'alice' },
      { scope: 'tenant', key: 't-1' },
      { scope: 'operation', key: 'query.problems' },
      { scope: 'operation', key: 'query.tenant' },
    ]);
  });

  it('counts platform administrators under the platform tenant and mutations by their own root field', () => {
    expect(keysOf(platformAdmin, 'mutation { createTenant(input: { name: "A" }) { id } }')).toEqual([
      { scope: 'user', key: 'root' },
      { scope: 'tenant', key: 'platform' },
      { scope: 'operation', key: 'mutation.createTenant' },
    ]);
  });
});
