import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse, type ObjectTypeDefinitionNode } from 'graphql';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../../app/embedded';
import type { Role } from '../../platform/auth/auth-context';
import { issueDevelopmentToken } from '../../platform/auth/dev-token';
import { errorCodes, postGraphQL, type GraphQLResponse } from '../support/gateway-client';

jest.setTimeout(120_000);

/** The columns of the matrix, in order. */
const ROLE_COLUMNS: readonly Role[] = ['platform-admin', 'tenant-admin', 'analyst', 'developer', 'auditor', 'viewer'];

type Outcome = 'allowed' | 'forbidden';
interface Expectation {
  /** Per role (ROLE_COLUMNS order), called by a user of tenant A on tenant A's data. */
  readonly ownTenant: readonly Outcome[];
  /** The same call on tenant B's data; absent when the operation names no tenant. */
  readonly otherTenant?: readonly Outcome[];
}

/** `'+ + F …'`: one cell per role, `+` allowed, `F` forbidden. */
function row(ownTenant: string, otherTenant?: string): Expectation {
  const cells = (text: string) => {
    const outcomes = text.trim().split(/\s+/).map((cell): Outcome => {
      if (cell !== '+' && cell !== 'F') throw new Error(`"${cell}" is neither + nor F`);
      return cell === '+' ? 'allowed' : 'forbidden';
    });
    if (outcomes.length !== ROLE_COLUMNS.length) throw new Error(`"${text}" needs ${ROLE_COLUMNS.length} cells`);
    return outcomes;
  };
  return { ownTenant: cells(ownTenant), ...(otherTenant !== undefined && { otherTenant: cells(otherTenant) }) };
}

/**
 * THE expectations: every Query and Mutation of the composed supergraph, written from the
 * policy (README, "Roles"), not copied from the subgraphs' permission tables. Every caller holds
 * a token of tenant A; "other tenant" runs the same call against tenant B's data.
 */
// prettier-ignore
const EXPECTED: Record<string, Expectation> = {
  //                                  own tenant (A)          other tenant (B)
  //                                  pa ta an de au vi       pa ta an de au vi
  // enterprise: tenants
  'Query.tenant':                 row('+  +  +  +  +  +',    '+  F  F  F  F  F'),
  'Query.tenants':                row('+  +  +  +  +  +'),
  'Mutation.createTenant':        row('+  F  F  F  F  F'),
  'Mutation.renameTenant':        row('+  +  F  F  F  F',    '+  F  F  F  F  F'),
  // enterprise: audit trail
  'Query.auditTrail':             row('+  +  F  F  +  F',    '+  F  F  F  F  F'),
  'Query.verifyAuditChain':       row('+  +  F  F  +  F',    '+  F  F  F  F  F'),
  'Mutation.recordAuditEntry':    row('+  +  +  +  +  F',    '+  F  F  F  F  F'),
  // optimization: reads
  'Query.problem':                row('+  +  +  +  +  +',    '+  F  F  F  F  F'),
  'Query.problems':               row('+  +  +  +  +  +',    '+  F  F  F  F  F'),
  'Query.constraints':            row('+  +  +  +  +  +',    '+  F  F  F  F  F'),
  'Query.solveJob':               row('+  +  +  +  +  +',    '+  F  F  F  F  F'),
  'Query.solveJobs':              row('+  +  +  +  +  +',    '+  F  F  F  F  F'),
  // optimization: writes and solves
  'Mutation.createProblem':       row('+  +  +  +  F  F',    '+  F  F  F  F  F'),
  'Mutation.addConstraint':       row('+  +  +  +  F  F',    '+  F  F  F  F  F'),
  'Mutation.updateConstraint':    row('+  +  +  +  F  F',    '+  F  F  F  F  F'),
  'Mutation.removeConstraint':    row('+  +  +  +  F  F',    '+  F  F  F  F  F'),
  'Mutation.optimizeQubo':        row('+  +  +  +  F  F',    '+  F  F  F  F  F'),
  'Mutation.optimizeMultiObjective': row('+  +  +  +  F  F', '+  F  F  F  F  F'),
  'Mutation.submitSolveJob':      row('+  +  +  +  F  F',    '+  F  F  F  F  F'),
  'Mutation.cancelSolveJob':      row('+  +  +  +  F  F',    '+  F  F  F  F  F'),
};

/** What a platform-admin set up for each tenant before the matrix runs. */
interface TenantFixture {
  readonly tenantId: string;
  readonly problemId: string;
  readonly constraintId: string;
  readonly solveJobId: string;
}

interface Request {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

/** What the calls need from the running platform: fixtures made as a platform-admin. */
interface Fixtures {
  /** A constraint of the tenant's problem that only this call will use (removing it consumes it). */
  freshConstraint(tenant: TenantFixture): Promise<string>;
  /** A queued solve job that only this call will use (cancelling it consumes it). */
  freshSolveJob(tenant: TenantFixture): Promise<string>;
}

const QUBO = {
  variables: ['a', 'b', 'c'],
  linear: [{ variable: 'a', coefficient: -1 }, { variable: 'b', coefficient: -2 }],
  quadratic: [{ u: 'a', v: 'b', coefficient: 3 }],
};
const ONE_HOT = { kind: 'ONE_HOT', penaltyWeight: 4, variables: ['a', 'b', 'c'] };

/** A minimal valid call of each operation, against one tenant's data. */
const CALLS: Record<string, (tenant: TenantFixture, fixtures: Fixtures) => Request | Promise<Request>> = {
  'Query.tenant': (t) => ({ query: 'query ($id: ID!) { tenant(id: $id) { id name } }', variables: { id: t.tenantId } }),
  'Query.tenants': () => ({ query: '{ tenants { edges { node { id } } } }' }),
  'Mutation.createTenant': () => ({ query: 'mutation { createTenant(input: { name: "Made by the matrix" }) { id } }' }),
  'Mutation.renameTenant': (t) => ({ query: 'mutation ($id: ID!) { renameTenant(id: $id, name: "Renamed by the matrix") { id } }', variables: { id: t.tenantId } }),
  'Query.auditTrail': (t) => ({ query: 'query ($t: ID!) { auditTrail(tenantId: $t) { edges { node { sequence } } } }', variables: { t: t.tenantId } }),
  'Query.verifyAuditChain': (t) => ({ query: 'query ($t: ID!) { verifyAuditChain(tenantId: $t) { valid } }', variables: { t: t.tenantId } }),
  'Mutation.recordAuditEntry': (t) => ({
    query: 'mutation ($input: RecordAuditEntryInput!) { recordAuditEntry(input: $input) { sequence } }',
    variables: { input: { tenantId: t.tenantId, action: 'matrix.checked', target: 'role-matrix' } },
  }),
  'Query.problem': (t) => ({ query: 'query ($id: ID!) { problem(id: $id) { id } }', variables: { id: t.problemId } }),
  'Query.problems': (t) => ({ query: 'query ($t: ID!) { problems(tenantId: $t) { edges { node { id } } } }', variables: { t: t.tenantId } }),
  'Query.constraints': (t) => ({ query: 'query ($t: ID!, $p: ID) { constraints(tenantId: $t, problemId: $p) { id } }', variables: { t: t.tenantId, p: t.problemId } }),
  'Query.solveJob': (t) => ({ query: 'query ($id: ID!) { solveJob(id: $id) { id status } }', variables: { id: t.solveJobId } }),
  'Query.solveJobs': (t) => ({ query: 'query ($t: ID!) { solveJobs(tenantId: $t) { edges { node { id } } } }', variables: { t: t.tenantId } }),
  'Mutation.createProblem': (t) => ({
    query: 'mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }',
    variables: { input: { tenantId: t.tenantId, name: 'Matrix problem', qubo: QUBO } },
  }),
  'Mutation.addConstraint': (t) => ({
    query: 'mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id } }',
    variables: { input: { problemId: t.problemId, constraint: ONE_HOT } },
  }),
  'Mutation.updateConstraint': (t) => ({
    query: 'mutation ($id: ID!) { updateConstraint(constraintId: $id, newParameters: { penaltyWeight: 6 }, evolutionReason: "role matrix") { id } }',
    variables: { id: t.constraintId },
  }),
  'Mutation.removeConstraint': async (t, fixtures) => ({
    query: 'mutation ($id: ID!) { removeConstraint(constraintId: $id, reason: "role matrix") }',
    variables: { id: await fixtures.freshConstraint(t) },
  }),
  'Mutation.optimizeQubo': (t) => ({
    query: 'mutation ($input: OptimizeQuboInput!) { optimizeQubo(input: $input) { runId } }',
    variables: { input: { tenantId: t.tenantId, problemId: t.problemId, timeLimitMs: 20, seed: 1 } },
  }),
  'Mutation.optimizeMultiObjective': (t) => ({
    query: 'mutation ($input: OptimizeMultiObjectiveInput!) { optimizeMultiObjective(input: $input) { runId } }',
    variables: {
      input: {
        tenantId: t.tenantId,
        variables: ['a', 'b'],
        objectives: [
          { name: 'value', weight: 1, linear: [{ variable: 'a', coefficient: 1 }, { variable: 'b', coefficient: 1 }], sense: 'MAXIMIZE' },
          { name: 'cost', weight: 1, linear: [{ variable: 'a', coefficient: 2 }, { variable: 'b', coefficient: 1 }] },
        ],
        timeLimitMs: 20,
        seed: 1,
      },
    },
  }),
  'Mutation.submitSolveJob': (t) => ({
    query: 'mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id } }',
    variables: { input: { tenantId: t.tenantId, problemId: t.problemId, timeLimitMs: 20, seed: 1 } },
  }),
  'Mutation.cancelSolveJob': async (t, fixtures) => ({
    query: 'mutation ($id: ID!) { cancelSolveJob(id: $id) { id status } }',
    variables: { id: await fixtures.freshSolveJob(t) },
  }),
};

/** Every Query and Mutation field of the composed supergraph, as `Query.name`. */
function supergraphOperations(): string[] {
  const document = parse(readFileSync(join(__dirname, '../../schema/supergraph.graphql'), 'utf8'));
  return document.definitions
    .filter((definition): definition is ObjectTypeDefinitionNode => definition.kind === Kind.OBJECT_TYPE_DEFINITION && ['Query', 'Mutation'].includes(definition.name.value))
    .flatMap((type) => (type.fields ?? []).map((field) => `${type.name.value}.${field.name.value}`))
    .sort();
}

/** Runs `tasks` with at most `limit` in flight: the platform runs on one event loop. */
async function inBatches<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

describe('role × operation × tenant matrix through the gateway', () => {
  it('has one row (and one call) for every Query and Mutation of the supergraph, and none for operations it no longer has', () => {
    const operations = supergraphOperations();
    expect({ missingRows: operations.filter((operation) => !(operation in EXPECTED)), rowsWithoutOperation: Object.keys(EXPECTED).filter((operation) => !operations.includes(operation)) }).toEqual({
      missingRows: [],
      rowsWithoutOperation: [],
    });
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  describe('with the platform running', () => {
    let platform: EmbeddedPlatform;
    let dataDir: string;
    let admin: string;
    let tenants: { own: TenantFixture; other: TenantFixture };

    const asAdmin = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
      const response = await postGraphQL<T>(platform.gatewayUrl, query, { token: admin, variables });
      if (response.errors) throw new Error(`fixture call failed: ${JSON.stringify(response.errors)}`);
      return response.data as T;
    };
    const addConstraint = async (problemId: string) =>
      (await asAdmin<{ addConstraint: { id: string } }>('mutation ($input: AddConstraintInput!) { addConstraint(input: $input) { id } }', { input: { problemId, constraint: ONE_HOT } }))
        .addConstraint.id;
    // Cancel targets ask for a minute, so each is still queued (or running) when its cancel arrives.
    const submitJob = async (tenant: Pick<TenantFixture, 'tenantId' | 'problemId'>, timeLimitMs: number) =>
      (
        await asAdmin<{ submitSolveJob: { id: string } }>('mutation ($input: OptimizeQuboInput!) { submitSolveJob(input: $input) { id } }', {
          input: { tenantId: tenant.tenantId, problemId: tenant.problemId, timeLimitMs, seed: 1 },
        })
      ).submitSolveJob.id;
    const fixtures: Fixtures = { freshConstraint: (t) => addConstraint(t.problemId), freshSolveJob: (t) => submitJob(t, 60_000) };

    const createTenantFixture = async (name: string): Promise<TenantFixture> => {
      const tenantId = (await asAdmin<{ createTenant: { id: string } }>('mutation ($name: String!) { createTenant(input: { name: $name }) { id } }', { name })).createTenant.id;
      const problemId = (
        await asAdmin<{ createProblem: { id: string } }>('mutation ($input: CreateProblemInput!) { createProblem(input: $input) { id } }', { input: { tenantId, name: 'Fixture', qubo: QUBO } })
      ).createProblem.id;
      const [constraintId, solveJobId] = await Promise.all([addConstraint(problemId), submitJob({ tenantId, problemId }, 20)]);
      return { tenantId, problemId, constraintId, solveJobId };
    };

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'goliath-role-matrix-e2e-'));
      platform = await startEmbeddedPlatform({ port: 0, dataDir, logLevel: 'silent', env: { SOLVER_WORKERS: '1' } });
      admin = await issueDevelopmentToken({ role: 'platform-admin', subject: 'matrix-admin', keysDir: platform.keysDir });
      const [own, other] = await Promise.all([createTenantFixture('Tenant A'), createTenantFixture('Tenant B')]);
      tenants = { own, other };
    }, 60_000);

    afterAll(async () => {
      await platform?.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it('allows and forbids every operation for each role, on its own tenant and on another, exactly as the table says', async () => {
      const tokens = Object.fromEntries(
        await Promise.all(ROLE_COLUMNS.map(async (role) => [role, await issueDevelopmentToken({ role, tenantId: tenants.own.tenantId, subject: `matrix-${role}`, keysDir: platform.keysDir })])),
      ) as Record<Role, string>;

      const cases = Object.entries(EXPECTED).flatMap(([operation, expectation]) =>
        (['own', 'other'] as const).flatMap((scope) => {
          const outcomes = scope === 'own' ? expectation.ownTenant : expectation.otherTenant;
          return outcomes ? ROLE_COLUMNS.map((role, column) => ({ operation, role, scope, expected: outcomes[column] })) : [];
        }),
      );
      // Fixtures first (some calls consume one), so the matrix itself is only the calls under test.
      const requests = await inBatches(cases.map((entry) => () => Promise.resolve(CALLS[entry.operation](tenants[entry.scope], fixtures))), 8);
      const responses = await inBatches(
        cases.map((entry, index) => () => postGraphQL(platform.gatewayUrl, requests[index].query, { token: tokens[entry.role], variables: requests[index].variables })),
        12,
      );

      const mismatches = cases.flatMap((entry, index) => {
        const actual = outcomeOf(responses[index]);
        const expected = entry.expected === 'allowed' ? 'allowed' : 'FORBIDDEN';
        return actual === expected ? [] : [`${entry.operation} as ${entry.role} on ${entry.scope} tenant: expected ${expected}, got ${actual}`];
      });
      expect(mismatches).toEqual([]);
      expect(cases.length).toBeGreaterThan(Object.keys(EXPECTED).length * ROLE_COLUMNS.length);
    });
  });
});

/**
 * `allowed` only for an answer without any error (the calls are valid, so any error is worth
 * seeing), `FORBIDDEN` only when that is the one code and the field has no data; anything else
 * is reported as it came.
 */
function outcomeOf(response: GraphQLResponse<unknown>): string {
  const codes = errorCodes(response);
  if (codes.length === 0) return 'allowed';
  const data = response.data as Record<string, unknown> | null | undefined;
  const rootValue = data ? Object.values(data)[0] : null;
  if (codes.every((code) => code === 'FORBIDDEN') && rootValue == null) return 'FORBIDDEN';
  return `errors ${JSON.stringify(response.errors)}`;
}
