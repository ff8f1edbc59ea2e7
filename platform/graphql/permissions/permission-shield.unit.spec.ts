import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, type GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import gql from 'graphql-tag';
import type { AuthContext, Role } from '../../auth/auth-context';
import { notFound, unauthenticated } from '../../errors';
import type { SubgraphContext } from '../subgraph-context';
import { permissionShield } from './permission-shield';
import { operationPolicy } from './operation-policy';
import { CALLERS_TENANT, permit, PUBLIC, tenantArgument, tenantOwning, type PermissionTable } from './permission-table';

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Widget @key(fields: "id") { id: ID! tenantId: ID! label: String! }
  input WidgetInput { tenantId: ID! label: String! }
  type Query {
    widgets(tenantId: ID!): [Widget!]!
    widget(id: ID!): Widget
    missingWidget: Widget
    status: String!
    forgotten: String!
  }
  type Mutation { addWidget(input: WidgetInput!): Widget! }
`;

// The resolvers check nothing themselves, so every refusal below is the shield's.
const widgets = [{ id: 'w1', tenantId: 'acme', label: 'first' }];
const resolvers = {
  Query: {
    widgets: (_: unknown, args: { tenantId: string }) => widgets.filter((widget) => widget.tenantId === args.tenantId),
    widget: (_: unknown, args: { id: string }) => {
      const found = widgets.find((widget) => widget.id === args.id);
      if (!found) throw notFound('Widget', args.id);
      return found;
    },
    missingWidget: () => {
      throw notFound('Widget', 'w9');
    },
    status: () => 'up',
    forgotten: () => 'should never be read',
  },
  Mutation: { addWidget: (_: unknown, args: { input: { tenantId: string; label: string } }) => ({ id: 'w2', ...args.input }) },
  Widget: { __resolveReference: (reference: { id: string }) => ({ ...widgets.find((widget) => widget.id === reference.id), resolvedByReference: true }) },
};

const TABLE = {
  'Query.widgets': permit(['TENANT_ADMIN', 'VIEWER'], tenantArgument('tenantId')),
  'Query.widget': permit(['VIEWER'], tenantOwning('widgets', 'id', 'Widget')),
  'Query.missingWidget': permit(['VIEWER'], CALLERS_TENANT),
  'Query.status': permit(PUBLIC, CALLERS_TENANT),
  'Mutation.addWidget': permit(['TENANT_ADMIN'], tenantArgument('input.tenantId')),
} satisfies PermissionTable;

const schemaWith = (table: PermissionTable): GraphQLSchema => applyMiddleware(buildSubgraphSchema([{ typeDefs, resolvers }]), permissionShield(operationPolicy(table, { collection: () => ({ get: async (id: string) => widgets.find((widget) => widget.id === id) }) as never })));
const schema = schemaWith(TABLE);

const caller = (role: Role, tenantId = 'acme'): SubgraphContext => ({
  auth: { subject: `${role}@${tenantId}`, roles: [role], tenantId, tokenId: 't', authMethod: 'development' } satisfies AuthContext,
  correlationId: 'c',
  requestId: 'r',
});
const anonymous: SubgraphContext = { correlationId: 'c', requestId: 'r' };

async function run(source: string, contextValue: SubgraphContext) {
  const result = await graphql({ schema, source, contextValue });
  return { data: result.data, codes: (result.errors ?? []).map((error) => error.extensions.code), messages: (result.errors ?? []).map((error) => error.message) };
}

describe('permissionShield', () => {
  it('lets a listed role call the operation', async () => {
    expect(await run('{ widgets(tenantId: "acme") { id } }', caller('VIEWER'))).toMatchObject({ data: { widgets: [{ id: 'w1' }] }, codes: [] });
  });

  it('refuses a role without a row with FORBIDDEN, naming the roles that may', async () => {
    const result = await run('mutation { addWidget(input: { tenantId: "acme", label: "x" }) { id } }', caller('VIEWER'));
    expect(result.codes).toEqual(['FORBIDDEN']);
    expect(result.messages[0]).toContain('needs one of: TENANT_ADMIN');
  });

  it('answers UNAUTHENTICATED without a token, and the verifier\'s own error for a refused one', async () => {
    expect((await run('{ widgets(tenantId: "acme") { id } }', anonymous)).codes).toEqual(['UNAUTHENTICATED']);
    const refused = { ...anonymous, authError: unauthenticated('The token expired: sign in again.') };
    expect(await run('{ widgets(tenantId: "acme") { id } }', refused)).toMatchObject({ codes: ['UNAUTHENTICATED'], messages: ['The token expired: sign in again.'] });
  });

  it('lets anyone call a public operation', async () => {
    expect(await run('{ status }', anonymous)).toMatchObject({ data: { status: 'up' }, codes: [] });
  });

  it('refuses an operation that has no row, for every role (fail closed)', async () => {
    const result = await run('{ forgotten }', caller('TENANT_ADMIN'));
    expect(result.codes).toEqual(['FORBIDDEN']);
    expect(result.messages[0]).toContain('Query.forgotten');
  });

  it('refuses another tenant named where the row declares it, even when the resolver does not check', async () => {
    expect((await run('{ widgets(tenantId: "globex") { id } }', caller('VIEWER'))).codes).toEqual(['FORBIDDEN']);
    expect((await run('mutation { addWidget(input: { tenantId: "globex", label: "x" }) { id } }', caller('TENANT_ADMIN'))).codes).toEqual(['FORBIDDEN']);
  });

  it('answers an item of another tenant named by its id exactly as a missing item (NOT_FOUND), even when the resolver does not check', async () => {
    const ofOther = await run('{ widget(id: "w1") { id } }', caller('VIEWER', 'globex'));
    const missing = await run('{ widget(id: "w1-missing") { id } }', caller('VIEWER', 'globex'));
    expect(ofOther.codes).toEqual(['NOT_FOUND']);
    expect(ofOther.messages).toEqual(missing.messages.map((message) => message.replace('w1-missing', 'w1')));
    expect((await run('{ widget(id: "w1") { id } }', caller('VIEWER'))).data).toEqual({ widget: { id: 'w1' } });
  });

  it("passes a resolver's own error through unchanged", async () => {
    expect(await run('{ missingWidget { id } }', caller('VIEWER'))).toMatchObject({ codes: ['NOT_FOUND'], messages: ['Widget w9 does not exist.'] });
  });

  it('decides each request on its own caller, whatever the previous one was', async () => {
    const results = await Promise.all(['VIEWER', 'ANALYST', 'VIEWER', 'ANALYST'].map((role) => run('{ widgets(tenantId: "acme") { id } }', caller(role as Role))));
    expect(results.map((result) => result.codes)).toEqual([[], ['FORBIDDEN'], [], ['FORBIDDEN']]);
  });

  it('keeps federation working for a verified caller: _service answers and _entities still runs __resolveReference', async () => {
    const sdl = await run('{ _service { sdl } }', caller('VIEWER'));
    expect(sdl.codes).toEqual([]);
    expect((sdl.data as { _service: { sdl: string } })._service.sdl).toContain('type Widget');
    const entities = await run('{ _entities(representations: [{ __typename: "Widget", id: "w1" }]) { ... on Widget { label } } }', caller('VIEWER'));
    expect(entities).toMatchObject({ data: { _entities: [{ label: 'first' }] }, codes: [] });
  });

  it('answers neither _service nor _entities without a verified caller, though no permission row names them', async () => {
    const refused = { ...anonymous, authError: unauthenticated('The token expired: sign in again.') };
    for (const context of [anonymous, refused]) {
      expect((await run('{ _service { sdl } }', context)).codes).toEqual(['UNAUTHENTICATED']);
      // This resolver checks nothing, so the refusal is the shield's.
      const entities = await run('{ _entities(representations: [{ __typename: "Widget", id: "w1" }]) { ... on Widget { label } } }', context);
      expect(entities).toMatchObject({ data: null, codes: ['UNAUTHENTICATED'] });
    }
  });

  it('refuses to build with a row for an operation the subgraph does not serve', () => {
    expect(() => schemaWith({ ...TABLE, 'Mutation.removeWidget': permit(['TENANT_ADMIN'], CALLERS_TENANT) })).toThrow(/Mutation.removeWidget, which this subgraph does not serve/);
  });
});
