import { graphql, GraphQLID, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { auditStreamId, type AuditEntryRecordedData } from '../audit';
import type { AuthContext } from '../auth/auth-context';
import { ErrorCode, forbidden, platformError } from '../errors';
import type { EventStore } from '../eventstore/port';
import { createSqliteEventStore } from '../eventstore/sqlite';
import { createLogger } from '../logging';
import { auditMutations } from './audit-middleware';
import { operationPolicy } from './permissions/operation-policy';
import { CALLERS_TENANT, permit, tenantArgument } from './permissions/permission-table';
import { NO_UPCASTERS } from '../eventstore/upcasting';
import { commandHandler } from '../commands/command-handler';
import { executeCommand } from '../commands/execute-command';
import { callerOf } from './subgraph-dependencies';
import { CHANGE_AUDITED } from '../audit/change-audited';
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
            // Saves its change, then answers READ_MODEL_LAGGING as a mutation does when the read models are slow.
            renameItemSlowly: {
              type: Item,
              args: { id: { type: new GraphQLNonNull(GraphQLID) } },
              resolve: async (_root, args: { id: string }, context: SubgraphContext) => {
                const lagging = async () => Promise.reject(platformError(ErrorCode.ReadModelLagging, 'saved, read models behind'));
                await executeCommand({ ...deps(eventStore), upcasters: NO_UPCASTERS, waitForReadModels: lagging }, callerOf(context), items, { itemId: args.id }, { tenantId: 'acme' });
              },
            },
            // Changes something through the command path, as every real mutation does.
            renameItem: {
              type: Item,
              args: { id: { type: new GraphQLNonNull(GraphQLID) } },
              resolve: async (_root, args: { id: string }, context: SubgraphContext) => {
                await executeCommand({ ...deps(eventStore), upcasters: NO_UPCASTERS }, callerOf(context), items, { itemId: args.id }, { tenantId: 'acme' });
                return { id: args.id, tenantId: 'acme' };
              },
            },
          },
        })
      : undefined,
  });
}

const items = commandHandler<null, { itemId: string }, { type: 'ItemRenamed'; data: { itemId: string } }>(
  { initialState: () => null, evolve: (state) => state, decide: (command) => [{ type: 'ItemRenamed', data: { itemId: command.itemId } }] },
  (command) => `item-${command.itemId}`,
  () => 1,
);
const POLICY = operationPolicy(
  {
    'Mutation.createItem': permit(['ANALYST'], tenantArgument('tenantId')),
    'Mutation.shieldedItem': permit(['ANALYST'], tenantArgument('tenantId')),
    'Mutation.renameItem': permit(['ANALYST'], CALLERS_TENANT),
    'Mutation.renameItemSlowly': permit(['ANALYST'], CALLERS_TENANT),
  },
  { collection: () => { throw new Error('no lookups here'); } },
);
let eventStore: EventStore;
const deps = (store: EventStore) => ({ eventStore: store, clock: () => new Date('2026-03-01T10:00:00Z'), logger: createLogger('test', 'silent'), waitForReadModels: async () => undefined, waitForAuditChain: async () => undefined });

describe('auditMutations middleware', () => {
  const auth: AuthContext = { subject: 'grace', roles: ['ANALYST'], tenantId: 'acme', tokenId: 't', authMethod: 'development' };
  const context: SubgraphContext = { auth, correlationId: 'corr-9', requestId: 'req-9' };
  const run = (source: string, store = eventStore, withMutations = true, contextValue = context) =>
    graphql({ schema: applyMiddleware(schema(withMutations), auditMutations(deps(store), 'demo', POLICY)), source, contextValue });
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

  it('leaves a change to the record its own append carries, and writes no second entry', async () => {
    const result = await run('mutation { renameItem(id: "i-7") { id } }');
    expect(result.errors).toBeUndefined();
    expect(await entries('acme')).toEqual([]);
    const [, record] = await eventStore.readStream('item-i-7');
    expect(record).toMatchObject({ type: CHANGE_AUDITED, data: { actor: 'grace', action: 'demo.renameItem', target: 'i-7', tenantId: 'acme', details: { arguments: { id: 'i-7' } } } });
  });

  it("files an unauthenticated caller's refusal in the platform trail, never in the tenant it names", async () => {
    const result = await run('mutation { createItem(tenantId: "acme") { id } }', eventStore, true, { correlationId: 'c', requestId: 'r' });
    expect(result.errors).toBeUndefined();
    expect(await entries('acme')).toEqual([]);
    expect(await entries('platform')).toEqual([expect.objectContaining({ actor: 'anonymous', details: expect.objectContaining({ attemptedTenantId: 'acme' }) })]);
  });

  it('audits a change saved but answering READ_MODEL_LAGGING as the success it is, once, by its own record', async () => {
    const result = await run('mutation { renameItemSlowly(id: "i-8") { id } }');
    expect(result.errors?.map((error) => error.extensions.code)).toEqual(['READ_MODEL_LAGGING']);
    expect(await entries('acme')).toEqual([]);
    const [, record] = await eventStore.readStream('item-i-8');
    expect(record).toMatchObject({ type: CHANGE_AUDITED, data: { action: 'demo.renameItemSlowly', outcome: 'success', tenantId: 'acme' } });
  });
});
