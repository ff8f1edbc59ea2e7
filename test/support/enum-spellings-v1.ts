import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../platform/eventstore/port';
import { constraintStreamId, identityProviderStreamId, optimizationRunStreamId, problemStreamId, sessionStreamId, solveJobStreamId, userStreamId } from '../../schema/events';

/**
 * One event of every type whose version 1 wrote enum values in spellings of their own
 * (`tenant-admin`, `maximize`, `linear_inequality`, `<=`, `sa`), as version 1 stored it, with the
 * data the latest version reads it as (version 2's spelling; version 3's MANUAL penalty method
 * where a constraint definition is carried). They belong together: the provider maps roles the user and the
 * session hold, the constraint and the job belong to the problem.
 */
export interface StoredAtVersion1 {
  readonly streamId: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly upcast: Readonly<Record<string, unknown>>;
}

export const V1_TENANT = 'acme';
export const V1_IDS = { provider: 'p1', user: 'u1', session: 's1', problem: 'pb1', constraint: 'c1', job: 'j1', run: 'r1' } as const;

const at = '2025-01-01T00:00:00.000Z';
const { provider, user, session, problem, constraint, job, run } = V1_IDS;
const tenantId = V1_TENANT;

const providerV1 = { providerId: provider, tenantId, name: 'Okta', type: 'OIDC', oidc: { issuer: 'https://idp.example', clientId: 'goliath' }, configuredAt: at };
const quboV1 = { variables: ['x', 'y', 'z'], linear: [{ variable: 'x', coefficient: 3 }, { variable: 'y', coefficient: 2 }], quadratic: [], offset: 0 };
const capacity = { id: constraint, penaltyWeight: 4, terms: [{ variable: 'x', coefficient: 1 }, { variable: 'y', coefficient: 1 }], rhs: 1 };
const pickOne = { id: 'pick-one', penaltyWeight: 2, variables: ['y', 'z'] };
const jobRequest = { problemId: problem, timeLimitMs: 1_000, seed: 7, numSamples: 1 };
const outcome = { bestEnergy: -3, bestObjective: 3, feasible: true, timeToBestMs: 1, totalTimeMs: 5, flipsAttempted: 40, stoppedBy: 'time_limit' };

export const STORED_AT_VERSION_1: readonly StoredAtVersion1[] = [
  {
    streamId: identityProviderStreamId(provider),
    type: 'IdentityProviderConfigured',
    data: { ...providerV1, roleMappings: [{ group: 'quants', role: 'analyst' }], defaultRoles: ['viewer'] },
    upcast: { ...providerV1, roleMappings: [{ group: 'quants', role: 'ANALYST' }], defaultRoles: ['VIEWER'] },
  },
  {
    streamId: identityProviderStreamId(provider),
    type: 'IdentityProviderReconfigured',
    data: { ...providerV1, roleMappings: [{ group: 'admins', role: 'tenant-admin' }, { group: 'quants', role: 'analyst' }], defaultRoles: [] },
    upcast: { ...providerV1, roleMappings: [{ group: 'admins', role: 'TENANT_ADMIN' }, { group: 'quants', role: 'ANALYST' }], defaultRoles: [] },
  },
  {
    streamId: userStreamId(user),
    type: 'UserRegistered',
    data: { userId: user, tenantId, providerId: provider, externalId: 'ada', registeredAt: at },
    upcast: { userId: user, tenantId, providerId: provider, externalId: 'ada', registeredAt: at },
  },
  {
    streamId: userStreamId(user),
    type: 'UserProviderRolesSynchronized',
    data: { userId: user, tenantId, roles: ['analyst', 'developer'], signedInAt: at },
    upcast: { userId: user, tenantId, roles: ['ANALYST', 'DEVELOPER'], signedInAt: at },
  },
  {
    streamId: userStreamId(user),
    type: 'RoleGranted',
    data: { userId: user, tenantId, role: 'tenant-admin', grantedBy: 'root', grantedAt: at },
    upcast: { userId: user, tenantId, role: 'TENANT_ADMIN', grantedBy: 'root', grantedAt: at },
  },
  {
    streamId: userStreamId(user),
    type: 'RoleGranted',
    data: { userId: user, tenantId, role: 'auditor', grantedBy: 'root', grantedAt: at },
    upcast: { userId: user, tenantId, role: 'AUDITOR', grantedBy: 'root', grantedAt: at },
  },
  {
    streamId: userStreamId(user),
    type: 'RoleRevoked',
    data: { userId: user, tenantId, role: 'auditor', revokedBy: 'root', revokedAt: at },
    upcast: { userId: user, tenantId, role: 'AUDITOR', revokedBy: 'root', revokedAt: at },
  },
  {
    streamId: sessionStreamId(session),
    type: 'SessionStarted',
    data: { sessionId: session, tenantId, userId: user, roles: ['analyst', 'tenant-admin'], authMethod: 'oidc', providerId: provider, refreshTokenHash: 'h', startedAt: at, expiresAt: at },
    upcast: { sessionId: session, tenantId, userId: user, roles: ['ANALYST', 'TENANT_ADMIN'], authMethod: 'oidc', providerId: provider, refreshTokenHash: 'h', startedAt: at, expiresAt: at },
  },
  {
    streamId: problemStreamId(problem),
    type: 'ProblemCreated',
    data: { problemId: problem, tenantId, name: 'Pick', definition: { ...quboV1, sense: 'maximize' }, createdAt: at },
    upcast: { problemId: problem, tenantId, name: 'Pick', definition: { ...quboV1, sense: 'MAXIMIZE' }, createdAt: at },
  },
  {
    streamId: constraintStreamId(constraint),
    type: 'ConstraintAdded',
    data: { constraintId: constraint, problemId: problem, tenantId, constraint: { ...capacity, kind: 'linear_inequality', relation: '<=' }, addedAt: at },
    upcast: { constraintId: constraint, problemId: problem, tenantId, constraint: { ...capacity, kind: 'LINEAR_INEQUALITY', relation: 'LESS_OR_EQUAL', penaltyMethod: 'MANUAL' }, addedAt: at },
  },
  {
    streamId: constraintStreamId(constraint),
    type: 'ConstraintUpdated',
    data: { constraintId: constraint, problemId: problem, constraint: { ...capacity, kind: 'linear_inequality', relation: '>=', rhs: 0 }, previousPenaltyWeight: 4, evolutionReason: 'looser', updatedAt: at },
    upcast: {
      constraintId: constraint,
      problemId: problem,
      constraint: { ...capacity, kind: 'LINEAR_INEQUALITY', relation: 'GREATER_OR_EQUAL', rhs: 0, penaltyMethod: 'MANUAL' },
      previousPenaltyWeight: 4,
      previousPenaltyMethod: 'MANUAL',
      evolutionReason: 'looser',
      updatedAt: at,
    },
  },
  {
    streamId: optimizationRunStreamId(run),
    type: 'QuboOptimized',
    data: { runId: run, tenantId, problemId: problem, variableCount: 3, constraintCount: 1, strategy: 'sa', seed: 7, ...outcome, optimizedAt: at },
    upcast: { runId: run, tenantId, problemId: problem, variableCount: 3, constraintCount: 1, strategy: 'SA', seed: 7, ...outcome, optimizedAt: at },
  },
  {
    streamId: solveJobStreamId(job),
    type: 'SolveJobSubmitted',
    data: {
      jobId: job,
      tenantId,
      request: { ...jobRequest, qubo: { ...quboV1, sense: 'minimize' }, constraints: [{ ...capacity, kind: 'linear_equality' }, { ...pickOne, kind: 'one_hot' }], strategy: 'auto' },
      submittedAt: at,
    },
    upcast: {
      jobId: job,
      tenantId,
      request: {
        ...jobRequest,
        qubo: { ...quboV1, sense: 'MINIMIZE' },
        constraints: [
          { ...capacity, kind: 'LINEAR_EQUALITY', penaltyMethod: 'MANUAL' },
          { ...pickOne, kind: 'ONE_HOT', penaltyMethod: 'MANUAL' },
        ],
        strategy: 'AUTO',
        algorithm: null,
      },
      submittedAt: at,
    },
  },
  {
    streamId: solveJobStreamId(job),
    type: 'SolveJobCompleted',
    data: { jobId: job, strategy: 'tabu', ...outcome, bestAssignment: '100', variableNames: ['x', 'y', 'z'], completedAt: at },
    upcast: { jobId: job, strategy: 'TABU', ...outcome, bestAssignment: '100', variableNames: ['x', 'y', 'z'], completedAt: at },
  },
];

/** Spellings version 1 wrote and version 2 does not: none may be left in anything read after the upgrade. */
export const SPELLINGS_BEFORE = /"(platform-admin|tenant-admin|analyst|developer|auditor|viewer|minimize|maximize|linear_equality|linear_inequality|one_hot|at_most_k|custom_penalty|<=|>=|sa|tabu|auto)"/;

/** The event as version 1 wrote it. */
export function atVersion1({ type, data }: StoredAtVersion1): NewEvent {
  const id = randomUUID();
  return { id, type, data, metadata: { tenantId, actor: 'before-the-upgrade', correlationId: id, causationId: id, occurredAt: at, schemaVersion: 1 } };
}
