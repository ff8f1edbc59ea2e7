import { graphql, GraphQLID, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { auditStreamId, type AuditEntryRecordedData } from '../audit';
import type { AuthContext } from '../auth/auth-context';
import { forbidden } from '../errors';
import type { EventStore } from '../eventstore/port';
import { createSqliteEventStore } from '../eventstore/sqlite';
import { createLogger } from '../logging';
import { auditMutations } from './audit-middleware';
import type { SubgraphContext } from './subgraph-context';

const Item = new GraphQLObjectType({ name: 'Item', fields: { id: { type: GraphQLID }, tenantId: { type: GraphQLString } } });

/** A subgraph-like schema: one mutation that succeeds, one that is refused the way graphql-shield refuses (by returning the error). */
function schema(withMutations: boolean): GraphQLSchema {
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { item: { type: Item, args: { id: { type: GraphQLID } }, resolve: (_root, args: { id: string }) => ({ id: args.id, tenantId: 'acme' }) } } }),
    mutation: withMutations
      ? new GraphQLObjectType({
          name: 'Mutation',
          fields: {
            createItem: { type: Item, args: { tenantId: { type: new GraphQLNonNull(GraphQLID) }, secret: { type: GraphQLString } }, resolve: (_root, args: { tenantId: string }) => ({ id: 'item-1', tenantId: args.tenantId }) },
            shieldedItem: { type: Item, args: { tenantId: { type: GraphQLID } }, resolve: () => forbidden() },
            recordAuditEntry: { type: GraphQLString, resolve: () => 'recorded by itself' },
          },
        })
      : undefined,
  });
}

describe('auditMutations middleware', () => {
  let eventStore: EventStore;
  const auth: AuthContext = { subject: 'grace', roles: ['analyst'], tenantId: 'acme', tokenId: 't', authMethod: 'development' };
  const context: SubgraphContext = { auth, correlationId: 'corr-9', requestId: 'req-9' };
  const deps = (store: EventStore) => ({ eventStore: store, clock: () => new Date('2026-03-01T10:00:00Z'), logger: createLogger('test', 'silent'), waitForReadModels: async () => undefined });
  const run = (source: string, store = eventStore, withMutations = true) => graphql({ schema: applyMiddleware(schema(withMutations), auditMutations(deps(store), 'demo')), source, contextValue: context });
  const entries = async (tenantId: string) => (await eventStore.readStream(auditStreamId(tenantId))).map((event) => event.data as AuditEntryRecordedData);

  beforeEach(() => {
    eventStore = createSqliteEventStore({ file: ':memory:' });
  });
  afterEach(() => eventStore.close());

  it('appends the entry of a successful mutation before answering, secrets redacted, with the request as causation', async () => {
    const result = await run('mutation { createItem(tenantId: "acme", secret: "s3cret") { id } }');
    expect(result).toEqual({ data: { createItem: { id: 'item-1' } } });
    expect(await entries('acme')).toEqual([
      expect.objectContaining({ sequence: 0, actor: 'grace', action: 'demo.createItem', target: 'item-1', outcome: 'success', correlationId: 'corr-9', time: '2026-03-01T10:00:00.000Z', details: { arguments: { tenantId: 'acme', secret: '[REDACTED]' } } }),
    ]);
    const [event] = await eventStore.readStream(auditStreamId('acme'));
    expect(event.metadata.causationId).toBe('req-9');
  });

  it('records a refusal that a guard returned instead of threw as denied, and still answers it', async () => {
    const result = await run('mutation { shieldedItem(tenantId: "globex") { id } }');
    expect(result.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
    expect(await entries('acme')).toEqual([expect.objectContaining({ outcome: 'denied', details: expect.objectContaining({ errorCode: 'FORBIDDEN', attemptedTenantId: 'globex' }) })]);
  });

  it('leaves queries and recordAuditEntry alone, and works on a schema without mutations', async () => {
    expect((await run('mutation { recordAuditEntry }')).data).toEqual({ recordAuditEntry: 'recorded by itself' });
    expect((await run('{ item(id: "i") { id tenantId } }')).data).toEqual({ item: { id: 'i', tenantId: 'acme' } });
    expect((await run('{ item(id: "i") { id } }', eventStore, false)).data).toEqual({ item: { id: 'i' } });
    expect(await entries('acme')).toEqual([]);
  });

  it('answers AUDIT_UNAVAILABLE instead of confirming a change it could not audit; a failed mutation keeps its own error', async () => {
    const broken: EventStore = Object.assign(Object.create(eventStore) as EventStore, { append: async () => Promise.reject(new Error('disk full')) });
    const succeeded = await run('mutation { createItem(tenantId: "acme") { id } }', broken);
    expect(succeeded.data).toEqual({ createItem: null });
    expect(succeeded.errors?.map((error) => [error.extensions.code, error.message])).toEqual([['AUDIT_UNAVAILABLE', expect.stringContaining('may have been saved')]]);
    const refused = await run('mutation { shieldedItem(tenantId: "acme") { id } }', broken);
    expect(refused.errors?.map((error) => error.extensions.code)).toEqual(['FORBIDDEN']);
  });
});
