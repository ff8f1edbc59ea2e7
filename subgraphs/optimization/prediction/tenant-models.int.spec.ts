import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UPCASTER_REGISTRY } from '../../../app/event-upcasters';
import { auditedAction } from '../../../platform/audit/change-audited';
import { DomainError } from '../../../platform/commands/decider';
import { newEvent } from '../../../platform/commands/event-metadata';
import { servicePrincipal } from '../../../platform/commands/service-principal';
import { loadConfig } from '../../../platform/config';
import { createLogger } from '../../../platform/logging';
import { eventSchemaVersion, evolutionModelStreamId, optimizationRunStreamId, type ConstraintOutcomesRecorded } from '../../../schema/events';
import { projectedStores, type ProjectedStores } from '../../../test/support/projected-stores';
import { MODEL_RETRAINER, OPTIMIZATION_PERMISSIONS } from '../graphql/permissions';
import type { ConstraintScenario } from './features';
import { modelDirectory } from './model-files';
import { ModelRetrainer } from './model-retrainer';
import { feasibilityProbabilities } from './predict-outcome';
import { findTenantModel, tenantModel, trainTenantModel } from './tenant-models';

jest.setTimeout(60_000);

/** A one-hot constraint of a problem whose largest coefficient is 10: satisfied from a weight of 10 on. */
const SCENARIO: ConstraintScenario = { kind: 'ONE_HOT', penaltyWeight: 10, coefficientScale: 10, tightness: 1, variables: 12, density: 0.2, timeLimitMs: 50 };
const WEIGHTS = [0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256];

describe('tenant models trained from the read store (real SQLite stores and projections)', () => {
  let dir: string;
  let stores: ProjectedStores;
  let solves = 0;

  const deps = (settings: Record<string, string> = {}) => ({
    ...stores,
    upcasters: UPCASTER_REGISTRY,
    clock: () => new Date(),
    config: loadConfig({ DATA_DIR: dir, EVOLUTION_MODEL_RETRAIN_AFTER: '10', ...settings }),
    logger: createLogger('tenant-models-test', 'silent'),
  });
  const caller = () => ({ actor: 'ada', correlationId: 'c1', causationId: 'r1', audit: auditedAction('optimization.trainModels') });

  /** One solve of the tenant's problem at the weight, as optimizeQubo records it: satisfied from 10 on. */
  async function recordSolve(tenantId: string, weight: number): Promise<number> {
    const runId = `run-${++solves}`;
    const satisfied = weight >= 10;
    const data: ConstraintOutcomesRecorded['data'] = {
      solveId: runId,
      solveKind: 'OPTIMIZE_QUBO',
      tenantId,
      problemId: `problem-${tenantId}`,
      objectiveSense: 'MINIMIZE',
      strategy: 'TABU',
      timeLimitMs: 50,
      totalTimeMs: 50,
      cpuMs: 50,
      sampleCount: 5,
      features: { variables: 12, quadraticTerms: 13, density: 0.2, coefficientScale: 10 },
      bestFeasible: satisfied,
      bestFeasibleObjective: satisfied ? -20 : null,
      constraints: [
        { constraintId: `c-${tenantId}`, inline: false, kind: 'ONE_HOT', penaltyWeight: weight, relativeWeight: weight / 10, tightness: 1, bestSampleViolation: satisfied ? 0 : 1, satisfiedShare: satisfied ? 1 : 0, bestObjectiveSatisfying: satisfied ? -20 : null },
      ],
      recordedAt: new Date(Date.UTC(2026, 11, 1, 0, 0, solves)).toISOString(),
    };
    const origin = { tenantId, actor: 'ada', correlationId: runId, causationId: runId, occurredAt: new Date() };
    const { position } = await stores.eventStore.append(optimizationRunStreamId(runId), [newEvent({ type: 'ConstraintOutcomesRecorded', data }, origin, eventSchemaVersion('ConstraintOutcomesRecorded'))], 'no-stream');
    await stores.waitForReadModels(position);
    return position;
  }

  async function recordSolves(tenantId: string, rounds: number): Promise<void> {
    for (let round = 0; round < rounds; round++) for (const weight of WEIGHTS) await recordSolve(tenantId, weight);
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'goliath-models-'));
    stores = await projectedStores(join(dir, 'goliath.db'));
  });
  afterAll(async () => {
    await stores?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a tenant with too few outcomes, saying how many more it needs', async () => {
    for (const weight of WEIGHTS.slice(0, 5)) await recordSolve('globex', weight);
    const refusal = await trainTenantModel(deps(), caller(), 'globex', 'REQUESTED').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'INSUFFICIENT_PERFORMANCE_DATA', details: { needed: 15 } });
    expect(await findTenantModel(deps(), 'globex')).toBeUndefined();
    await expect(tenantModel(deps(), 'globex')).rejects.toMatchObject({ code: 'EVOLUTION_MODEL_NOT_FOUND' });
  });

  it('trains on the tenant’s outcome rows, records the model, writes its files, and predicts from the read model', async () => {
    await recordSolves('acme', 3);
    const trained = await trainTenantModel(deps(), caller(), 'acme', 'REQUESTED');
    expect(trained).toMatchObject({ tenantId: 'acme', modelVersion: 1, trainedOn: 30, constraintType: 'ALL', trigger: 'REQUESTED' });
    const [event] = await stores.eventStore.readStream(evolutionModelStreamId('acme'));
    expect(event).toMatchObject({ type: 'EvolutionModelTrained', data: { modelId: trained!.modelId }, metadata: { tenantId: 'acme', actor: 'ada' } });
    expect(existsSync(join(modelDirectory(deps().config.prediction.modelPath, 'acme', trained!.modelId), 'model.json'))).toBe(true);

    const { document, model } = await tenantModel(deps(), 'acme');
    expect(document).toMatchObject({ modelId: trained!.modelId, version: 1, trainedOn: 30, performanceMetrics: { trainedOn: 30 } });
    const [low, high] = await feasibilityProbabilities(model, [
      { ...SCENARIO, penaltyWeight: 1 },
      { ...SCENARIO, penaltyWeight: 100 },
    ]);
    expect(low).toBeLessThan(0.2);
    expect(high).toBeGreaterThan(0.8);
  });

  it('rebuilds a model whose files are gone from the outcomes it was trained on, to the same predictions', async () => {
    const { document, model } = await tenantModel(deps(), 'acme');
    const elsewhere = join(dir, 'another-volume');
    const rebuilt = await tenantModel(deps({ ML_MODEL_PATH: elsewhere }), 'acme');
    const scenarios = WEIGHTS.map((penaltyWeight) => ({ ...SCENARIO, penaltyWeight }));
    expect(await feasibilityProbabilities(rebuilt.model, scenarios)).toEqual(await feasibilityProbabilities(model, scenarios));
    expect(existsSync(join(modelDirectory(elsewhere, 'acme', document.modelId), 'model.json'))).toBe(true);
  });

  it('retrains once enough new outcomes arrived, once per batch, as the model retrainer', async () => {
    const retrainer = new ModelRetrainer(deps(), servicePrincipal(MODEL_RETRAINER, 'optimization', OPTIMIZATION_PERMISSIONS));
    for (const weight of WEIGHTS.slice(0, 9)) await recordSolve('acme', weight);
    expect(await retrainer.sweep()).toEqual([]);
    await recordSolve('acme', 256);
    expect(await retrainer.sweep()).toEqual(['acme']);
    const { document } = await tenantModel(deps(), 'acme');
    expect(document).toMatchObject({ version: 2, trainedOn: 40, trigger: 'NEW_OUTCOMES' });
    const [, retrained] = await stores.eventStore.readStream(evolutionModelStreamId('acme')).then((events) => events.filter((event) => event.type === 'EvolutionModelTrained'));
    expect(retrained.metadata).toMatchObject({ actor: 'system:model-retrainer' });
    expect(await retrainer.sweep()).toEqual([]);
    await retrainer.stop();
  });
});
