import { UPCASTER_REGISTRY } from '../../app/event-upcasters';
import { auditedAction } from '../../platform/audit/change-audited';
import { executeCommand } from '../../platform/commands/execute-command';
import { loadState } from '../../platform/commands/command-handler';
import { NO_UPCASTERS } from '../../platform/eventstore/upcasting';
import { ALL_PROJECTIONS } from '../../projections';
import { allDocuments, recordingLogger, storesInTempDir, type StoresInTempDir } from '../../projections/runner.fixtures';
import { ProjectionRunner } from '../../projections/runner';
import { constraintStreamId, problemStreamId, userStreamId } from '../../schema/events';
import { CONSTRAINTS_COLLECTION, PROBLEMS_COLLECTION, SOLVE_JOBS_COLLECTION } from '../../schema/read-models/optimization';
import { IDENTITY_PROVIDERS_COLLECTION, SESSIONS_COLLECTION, USERS_COLLECTION } from '../../schema/read-models/identity';
import { users } from '../../subgraphs/enterprise/identity/domain/command-handlers';
import { constraints } from '../../subgraphs/optimization/domain/command-handlers';
import { problemDecider } from '../../subgraphs/optimization/domain/problem-decider';
import { DEFAULT_MODEL_LIMITS } from '../../subgraphs/optimization/model';
import { atVersion1, SPELLINGS_BEFORE, STORED_AT_VERSION_1, V1_IDS, V1_TENANT } from '../support/enum-spellings-v1';

const COLLECTIONS = [IDENTITY_PROVIDERS_COLLECTION, USERS_COLLECTION, SESSIONS_COLLECTION, PROBLEMS_COLLECTION, CONSTRAINTS_COLLECTION, SOLVE_JOBS_COLLECTION];

/** Events stored before enum values took the API's spelling, read after the upgrade: nothing read shows the old spellings. */
describe('events stored with the former enum spellings (SQLite event store + SQLite read store)', () => {
  let stores: StoresInTempDir;
  const runners: ProjectionRunner[] = [];

  beforeEach(async () => {
    stores = storesInTempDir();
    for (const stored of STORED_AT_VERSION_1) await stores.eventStore.append(stored.streamId, [atVersion1(stored)], 'any');
  });

  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await stores.close();
  });

  async function runToHead(options: Pick<ConstructorParameters<typeof ProjectionRunner>[0], 'projections' | 'upcasters'>): Promise<void> {
    const runner = new ProjectionRunner({ eventStore: stores.eventStore, readStore: stores.readStore, logger: recordingLogger(), ...options });
    runners.push(runner);
    await runner.start();
    await runner.waitFor(await stores.eventStore.headPosition(), 10_000);
  }

  const readModels = async () => Object.fromEntries(await Promise.all(COLLECTIONS.map(async (name) => [name, await allDocuments(stores.readStore, name)] as const)));

  it('rebuilds read models folded before the upgrade, so they hold the API spelling', async () => {
    // Given read models as the projections before the upgrade left them: version 1 of each fold, events as stored
    await runToHead({ projections: ALL_PROJECTIONS.map((projection) => ({ ...projection, version: 1 })), upcasters: NO_UPCASTERS });
    expect(JSON.stringify(await readModels())).toMatch(SPELLINGS_BEFORE);
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));

    // When the upgraded runner starts
    await runToHead({ projections: ALL_PROJECTIONS, upcasters: UPCASTER_REGISTRY });

    // Then every read model holding these values was folded again from the upcast events
    const documents = await readModels();
    expect(JSON.stringify(documents)).not.toMatch(SPELLINGS_BEFORE);
    expect(documents[IDENTITY_PROVIDERS_COLLECTION]).toMatchObject([{ roleMappings: [{ role: 'TENANT_ADMIN' }, { role: 'ANALYST' }], defaultRoles: [] }]);
    expect(documents[USERS_COLLECTION]).toMatchObject([{ providerRoles: ['ANALYST', 'DEVELOPER'], grantedRoles: ['TENANT_ADMIN'], roles: ['ANALYST', 'DEVELOPER', 'TENANT_ADMIN'] }]);
    expect(documents[SESSIONS_COLLECTION]).toMatchObject([{ roles: ['ANALYST', 'TENANT_ADMIN'] }]);
    expect(documents[PROBLEMS_COLLECTION]).toMatchObject([{ definition: { sense: 'MAXIMIZE' } }]);
    expect(documents[CONSTRAINTS_COLLECTION]).toMatchObject([{ kind: 'LINEAR_INEQUALITY', penaltyMethod: 'MANUAL', definition: { kind: 'LINEAR_INEQUALITY', relation: 'GREATER_OR_EQUAL', penaltyMethod: 'MANUAL' } }]);
    expect(documents[SOLVE_JOBS_COLLECTION]).toMatchObject([{ strategy: 'AUTO', result: { strategy: 'TABU' } }]);
  });

  it('decides on them as on events stored in the API spelling, and writes what it decides in that spelling', async () => {
    const deps = { eventStore: stores.eventStore, upcasters: UPCASTER_REGISTRY, clock: () => new Date(), waitForReadModels: async () => undefined };
    const caller = { actor: 'admin', correlationId: 'c1', causationId: 'c1', audit: auditedAction('test') };
    const at = new Date().toISOString();

    // A grant stored as tenant-admin is revoked as TENANT_ADMIN
    await executeCommand(deps, caller, users, { type: 'RevokeRole', userId: V1_IDS.user, tenantId: V1_TENANT, role: 'TENANT_ADMIN', by: 'admin', at }, { tenantId: V1_TENANT });
    // A constraint stored as linear_inequality with >= compiles against a problem stored as maximize, and is written back re-spelled
    const problem = await loadState(deps, problemDecider, problemStreamId(V1_IDS.problem));
    if (problem.status !== 'created') throw new Error('the problem stored at version 1 was not found');
    expect(problem.definition.sense).toBe('MAXIMIZE');
    const context = { problemId: problem.problemId, tenantId: problem.tenantId, definition: problem.definition, limits: DEFAULT_MODEL_LIMITS };
    await executeCommand(deps, caller, constraints, { type: 'UpdateConstraint', constraintId: V1_IDS.constraint, problem: context, newParameters: { penaltyWeight: 9 }, evolutionReason: 'tighter', requestedAt: at }, { tenantId: V1_TENANT });

    const [revoked] = (await stores.eventStore.readStream(userStreamId(V1_IDS.user))).filter((event) => event.metadata.actor === 'admin');
    expect(revoked).toMatchObject({ type: 'RoleRevoked', data: { role: 'TENANT_ADMIN' }, metadata: { schemaVersion: 2 } });
    const [updated] = (await stores.eventStore.readStream(constraintStreamId(V1_IDS.constraint))).filter((event) => event.metadata.actor === 'admin');
    expect(updated).toMatchObject({
      type: 'ConstraintUpdated',
      data: { constraint: { kind: 'LINEAR_INEQUALITY', relation: 'GREATER_OR_EQUAL', penaltyMethod: 'MANUAL', penaltyWeight: 9 }, previousPenaltyMethod: 'MANUAL' },
      metadata: { schemaVersion: 3 },
    });
  });
});
