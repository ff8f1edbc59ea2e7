import { graphql, GraphQLID, GraphQLNonNull, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuthContext } from '../platform/auth/auth-context';
import { commandHandler } from '../platform/commands/command-handler';
import { executeCommand } from '../platform/commands/execute-command';
import { withOneReadYourWritesDeadline } from '../platform/commands/read-your-writes-deadline';
import type { EventStore } from '../platform/eventstore/port';
import { createSqliteEventStore } from '../platform/eventstore/sqlite';
import { NO_UPCASTERS } from '../platform/eventstore/upcasting';
import { auditMutations } from '../platform/graphql/audit-middleware';
import { operationPolicy } from '../platform/graphql/permissions/operation-policy';
import { CALLERS_TENANT, permit } from '../platform/graphql/permissions/permission-table';
import type { SubgraphContext } from '../platform/graphql/subgraph-context';
import { callerOf } from '../platform/graphql/subgraph-dependencies';
import { createLogger } from '../platform/logging';
import type { ReadStore } from '../platform/readstore/port';
import { createSqliteReadStore } from '../platform/readstore/sqlite';
import { pollCheckpoints, waitForProjections } from './read-your-writes';

const TIMEOUT_MS = 400;
/** Scheduling slack on a busy 2-core machine; far less than a second wait would add. */
const SLACK_MS = 150;

const items = commandHandler<null, { itemId: string }, { type: 'ItemRenamed'; data: { itemId: string } }>(
  { initialState: () => null, evolve: (state) => state, decide: (command) => [{ type: 'ItemRenamed', data: { itemId: command.itemId } }] },
  (command) => `item-${command.itemId}`,
  () => 1,
);
const POLICY = operationPolicy({ 'Mutation.renameItem': permit(['ANALYST'], CALLERS_TENANT) }, { collection: () => { throw new Error('no lookups here'); } });
const auth: AuthContext = { subject: 'grace', roles: ['ANALYST'], tenantId: 'acme', tokenId: 't', authMethod: 'development' };

/**
 * READ_YOUR_WRITES_TIMEOUT_MS is the whole wait of one mutation: its command waits for the read
 * models, then the audit middleware waits for the audit chain and the trail, and all of it ends at
 * one deadline — in split mode (polling the shared checkpoints) and embedded (the runner).
 */
describe('read-your-writes: one deadline per mutation', () => {
  let dir: string;
  let eventStore: EventStore;
  let readStore: ReadStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'goliath-ryw-'));
    eventStore = createSqliteEventStore({ file: join(dir, 'goliath.db') });
    readStore = createSqliteReadStore({ file: join(dir, 'goliath.db') });
  });
  afterEach(async () => {
    await readStore.close();
    await eventStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A subgraph-like schema whose one mutation changes something through the command path, under the audit middleware. */
  function runRename(waits: { waitForReadModels: (position: number) => Promise<void>; waitForAuditChain: (position: number) => Promise<void> }) {
    const deps = { eventStore, clock: () => new Date(), logger: createLogger('test', 'silent'), upcasters: NO_UPCASTERS, ...waits };
    const schema = new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLID, resolve: () => 'ok' } } }),
      mutation: new GraphQLObjectType({
        name: 'Mutation',
        fields: {
          renameItem: {
            type: GraphQLID,
            args: { id: { type: new GraphQLNonNull(GraphQLID) } },
            resolve: async (_root, args: { id: string }, context: SubgraphContext) => {
              await executeCommand(deps, callerOf(context), items, { itemId: args.id }, { tenantId: 'acme' });
              return args.id;
            },
          },
        },
      }),
    });
    const contextValue: SubgraphContext = { auth, correlationId: 'c', requestId: 'r' };
    return graphql({ schema: applyMiddleware(schema, auditMutations(deps, 'demo', POLICY)), source: 'mutation { renameItem(id: "i-1") }', contextValue });
  }

  /** Plays the projections process: after `afterMs`, commits the named checkpoints at the log's head. */
  function catchUpLater(projections: readonly string[], afterMs: number): Promise<void> {
    return new Promise((resolve) =>
      setTimeout(async () => {
        const head = await eventStore.headPosition();
        for (const projection of projections) await readStore.commit(projection, [], { position: head, version: 1 });
        resolve();
      }, afterMs),
    );
  }

  it('split mode: read models in time but an audit chain that never catches up end the answer at the one deadline, confirmed', async () => {
    const readModelsCaughtUp = catchUpLater(['models'], TIMEOUT_MS - 100);
    const started = Date.now();
    const result = await runRename({ waitForReadModels: pollCheckpoints(readStore, ['models'], TIMEOUT_MS), waitForAuditChain: pollCheckpoints(readStore, ['chain'], TIMEOUT_MS) });
    const took = Date.now() - started;
    await readModelsCaughtUp;

    expect(result).toEqual({ data: { renameItem: 'i-1' } });
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    expect(took).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it('split mode: read models that never catch up answer READ_MODEL_LAGGING once the timeout has passed', async () => {
    const started = Date.now();
    const result = await runRename({ waitForReadModels: pollCheckpoints(readStore, ['models'], TIMEOUT_MS), waitForAuditChain: pollCheckpoints(readStore, ['chain'], TIMEOUT_MS) });
    const took = Date.now() - started;

    expect(result.errors?.map((error) => error.extensions.code)).toEqual(['READ_MODEL_LAGGING']);
    expect(took).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(took).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it('embedded: the runner is given what is left of the deadline, so the waits add up to the timeout', async () => {
    const given: number[] = [];
    // A runner whose read models catch up after 300 ms and whose audit chainer never does.
    const runner = {
      waitFor: (_position: number, timeoutMs: number, only?: readonly string[]) => {
        given.push(timeoutMs);
        return new Promise<void>((resolve, reject) => (only?.includes('chain') ? setTimeout(() => reject(new Error('chain behind')), timeoutMs) : setTimeout(resolve, Math.min(300, timeoutMs))));
      },
    };
    const started = Date.now();
    const result = await runRename({ waitForReadModels: waitForProjections(runner, ['models'], TIMEOUT_MS), waitForAuditChain: waitForProjections(runner, ['chain'], TIMEOUT_MS) });
    const took = Date.now() - started;

    expect(result).toEqual({ data: { renameItem: 'i-1' } });
    expect(given[0]).toBe(TIMEOUT_MS);
    // (what was left after the read models' 300 ms: timers may fire a millisecond early)
    expect(given[1]).toBeLessThan(TIMEOUT_MS - 250);
    expect(took).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it('gives each wait the whole timeout outside a mutation (background work), and one deadline inside one', async () => {
    const wait = pollCheckpoints(readStore, ['never'], 200);
    const timed = async (run: () => Promise<unknown>) => {
      const started = Date.now();
      await run();
      return Date.now() - started;
    };
    const twice = async () => {
      await wait(1).catch(() => undefined);
      await wait(1).catch(() => undefined);
    };

    expect(await timed(twice)).toBeGreaterThanOrEqual(400);
    expect(await timed(() => withOneReadYourWritesDeadline(twice))).toBeLessThan(200 + SLACK_MS);
  });
});
