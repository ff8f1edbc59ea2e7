import { UPCASTER_REGISTRY } from '../../app/event-upcasters';
import type { RecordedEvent } from '../../platform/eventstore/port';
import { atVersion1, SPELLINGS_BEFORE, STORED_AT_VERSION_1 } from '../../test/support/enum-spellings-v1';
import { eventSchemaVersion } from './index';

const WITH_PENALTY_METHOD = ['ConstraintAdded', 'ConstraintUpdated', 'SolveJobSubmitted'];
/** Raised again since: SolveJobSubmitted names the marketplace algorithm at version 4. */
const RAISED_SINCE: Readonly<Record<string, number>> = { SolveJobSubmitted: 4 };
const recorded = (stored: (typeof STORED_AT_VERSION_1)[number]): RecordedEvent => ({ ...atVersion1(stored), streamId: stored.streamId, revision: 0, position: 1, recordedAt: '2025-01-01T00:00:00.000Z' });

describe('upcasters of the enum values version 1 spelled its own way', () => {
  it.each(STORED_AT_VERSION_1.map((stored) => [stored.type, stored] as const))('lift %s from version 1 to the latest, every value in the API spelling', (type, stored) => {
    const event = recorded(stored);
    const upcast = UPCASTER_REGISTRY.upcast(event);
    expect(upcast.metadata.schemaVersion).toBe(eventSchemaVersion(type));
    expect(upcast.data).toEqual(stored.upcast);
    expect(JSON.stringify(upcast.data)).not.toMatch(SPELLINGS_BEFORE);
    expect(event.data).toBe(stored.data);
  });

  it('write every type they lift at version 2, or 3 for those carrying a constraint definition (or later when raised since)', () => {
    const types = [...new Set(STORED_AT_VERSION_1.map((stored) => stored.type))].filter((type) => type !== 'UserRegistered');
    expect(types.map((type) => [type, eventSchemaVersion(type)])).toEqual(types.map((type) => [type, RAISED_SINCE[type] ?? (WITH_PENALTY_METHOD.includes(type) ? 3 : 2)]));
  });

  it('leave an event written at version 2 as it is', () => {
    const [stored] = STORED_AT_VERSION_1;
    const current = recorded({ ...stored, data: stored.upcast });
    const event = { ...current, metadata: { ...current.metadata, schemaVersion: 2 } };
    expect(UPCASTER_REGISTRY.upcast(event)).toBe(event);
  });
});

describe('upcasters of the constraint definitions version 2 stored without a penalty method', () => {
  const at = '2026-01-01T00:00:00.000Z';
  const capacity = { id: 'c1', kind: 'LINEAR_INEQUALITY', penaltyWeight: 4, terms: [{ variable: 'x', coefficient: 1 }], relation: 'LESS_OR_EQUAL', rhs: 1 };
  const pickOne = { id: 'c2', kind: 'ONE_HOT', penaltyWeight: 2, variables: ['x', 'y'] };
  const atVersion = (type: string, data: Record<string, unknown>, schemaVersion: number): RecordedEvent => ({
    id: `${type}-${schemaVersion}`,
    type,
    data,
    streamId: 's-1',
    revision: 0,
    position: 1,
    recordedAt: at,
    metadata: { tenantId: 'acme', actor: 'before-the-upgrade', correlationId: 'c', causationId: 'c', occurredAt: at, schemaVersion },
  });

  it.each([
    [
      'ConstraintAdded',
      { constraintId: 'c1', problemId: 'p1', tenantId: 'acme', constraint: capacity, addedAt: at },
      { constraintId: 'c1', problemId: 'p1', tenantId: 'acme', constraint: { ...capacity, penaltyMethod: 'MANUAL' }, addedAt: at },
    ],
    [
      'ConstraintUpdated',
      { constraintId: 'c1', problemId: 'p1', constraint: { ...capacity, penaltyWeight: 6 }, previousPenaltyWeight: 4, evolutionReason: 'tighter', updatedAt: at },
      { constraintId: 'c1', problemId: 'p1', constraint: { ...capacity, penaltyWeight: 6, penaltyMethod: 'MANUAL' }, previousPenaltyWeight: 4, previousPenaltyMethod: 'MANUAL', evolutionReason: 'tighter', updatedAt: at },
    ],
    [
      'SolveJobSubmitted',
      { jobId: 'j1', tenantId: 'acme', request: { problemId: null, qubo: { variables: ['x', 'y'], linear: [], quadratic: [], offset: 0, sense: 'MINIMIZE' }, constraints: [capacity, pickOne], strategy: 'SA', timeLimitMs: 100, seed: 1, numSamples: 1 }, submittedAt: at },
      {
        jobId: 'j1',
        tenantId: 'acme',
        request: {
          problemId: null,
          qubo: { variables: ['x', 'y'], linear: [], quadratic: [], offset: 0, sense: 'MINIMIZE' },
          constraints: [{ ...capacity, penaltyMethod: 'MANUAL' }, { ...pickOne, penaltyMethod: 'MANUAL' }],
          strategy: 'SA',
          timeLimitMs: 100,
          seed: 1,
          numSamples: 1,
          algorithm: null,
        },
        submittedAt: at,
      },
    ],
  ])('lift %s from version 2 to 3: every weight stored then was the client’s own, MANUAL', (type, stored, expected) => {
    const event = atVersion(type, stored, 2);
    const upcast = UPCASTER_REGISTRY.upcast(event);
    expect(upcast.metadata.schemaVersion).toBe(eventSchemaVersion(type));
    expect(upcast.data).toEqual(expected);
    expect(event.data).toBe(stored);
    expect(stored).not.toHaveProperty('constraint.penaltyMethod');
  });

  it('leave a definition written at version 3 as it is, computed method and all', () => {
    const event = atVersion('ConstraintAdded', { constraintId: 'c1', problemId: 'p1', tenantId: 'acme', constraint: { ...pickOne, penaltyMethod: 'VLM', penaltyWeight: 6 }, addedAt: at }, 3);
    expect(UPCASTER_REGISTRY.upcast(event)).toBe(event);
  });
});

describe('the upcaster of SolveJobSubmitted, which version 3 wrote before jobs could run a marketplace algorithm', () => {
  it('records that the job runs no algorithm, and leaves version 4 as it is', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const request = { problemId: null, qubo: { variables: ['x'], linear: [], quadratic: [], offset: 0, sense: 'MINIMIZE' }, constraints: [], strategy: 'SA', timeLimitMs: 100, seed: 1, numSamples: 1 };
    const atVersion = (data: Record<string, unknown>, schemaVersion: number): RecordedEvent => ({
      id: `submitted-${schemaVersion}`,
      type: 'SolveJobSubmitted',
      data,
      streamId: 'solvejob-j1',
      revision: 0,
      position: 1,
      recordedAt: at,
      metadata: { tenantId: 'acme', actor: 'ada', correlationId: 'c', causationId: 'c', occurredAt: at, schemaVersion },
    });
    expect(UPCASTER_REGISTRY.upcast(atVersion({ jobId: 'j1', tenantId: 'acme', request, submittedAt: at }, 3)).data).toEqual({ jobId: 'j1', tenantId: 'acme', request: { ...request, algorithm: null }, submittedAt: at });
    const current = atVersion({ jobId: 'j1', tenantId: 'acme', request: { ...request, algorithm: { algorithmId: 'a1', version: 2, authorTenantId: 'globex', authorId: 'grace', parameters: { sweeps: 500 } } }, submittedAt: at }, 4);
    expect(UPCASTER_REGISTRY.upcast(current)).toBe(current);
  });
});

describe('the upcaster of ResourceUsageRecorded, which version 1 wrote for solve jobs only', () => {
  it('names the job as the solve, of kind SOLVE_JOB', () => {
    const data = { tenantId: 'acme', jobId: 'j1', cpuSeconds: 2, peakMemoryMb: 100, wallTimeMs: 1_000, variables: 10, recordedAt: '2026-01-01T00:00:00.000Z' };
    const event: RecordedEvent = {
      id: 'usage-1',
      type: 'ResourceUsageRecorded',
      data,
      streamId: 'solvejob-j1',
      revision: 3,
      position: 9,
      recordedAt: data.recordedAt,
      metadata: { tenantId: 'acme', actor: 'system:solve-job-runner', correlationId: 'c', causationId: 'c', occurredAt: data.recordedAt, schemaVersion: 1 },
    };
    const { jobId: _jobId, ...rest } = data;
    expect(UPCASTER_REGISTRY.upcast(event).data).toEqual({ ...rest, solveId: 'j1', solveKind: 'SOLVE_JOB' });
  });
});
