import { deciderSpec } from '../../../test/support/decider-spec';
import type { EvolutionModelEvent, EvolutionModelTrainedData } from '../../../schema/events';
import { evolutionModelDecider, type EvolutionModelCommand } from './evolution-model-decider';

const spec = deciderSpec(evolutionModelDecider);
const model = (overrides: Partial<EvolutionModelTrainedData> = {}): Omit<EvolutionModelTrainedData, 'modelVersion'> => ({
  modelId: 'm1',
  tenantId: 't1',
  constraintType: 'ALL',
  trainedOn: 40,
  trainedThrough: '2026-11-26T10:00:00.000Z',
  features: ['log2RelativeWeight'],
  metrics: { trainingAccuracy: 1, heldOutAccuracy: 1, brierScore: 0.01, heldOutSamples: 8, positiveShare: 0.5 },
  parameters: { hiddenUnits: 8 },
  trigger: 'REQUESTED',
  trainedAt: '2026-11-26T10:00:01.000Z',
  ...overrides,
});
const record = (overrides: Partial<EvolutionModelTrainedData> = {}): EvolutionModelCommand => ({ type: 'RecordTrainedModel', model: model(overrides) });
const trained = (modelVersion: number, overrides: Partial<EvolutionModelTrainedData> = {}): EvolutionModelEvent => ({ type: 'EvolutionModelTrained', data: { ...model(overrides), modelVersion } });

describe('evolution model decider', () => {
  it("numbers a tenant's models from 1", () => {
    spec.given([]).when(record()).then([trained(1)]);
    spec.given([trained(1), trained(2, { modelId: 'm2' })]).when(record({ modelId: 'm3' })).then([trained(3, { modelId: 'm3' })]);
  });

  it('records every requested training, new outcomes or not', () => {
    spec.given([trained(1)]).when(record({ modelId: 'm2' })).then([trained(2, { modelId: 'm2' })]);
  });

  it('records a retraining only when it covers outcomes later than the newest model', () => {
    const later = '2026-11-26T11:00:00.000Z';
    spec.given([trained(1)]).when(record({ modelId: 'm2', trigger: 'NEW_OUTCOMES' })).then([]);
    spec.given([trained(1, { trainedThrough: later })]).when(record({ modelId: 'm2', trigger: 'NEW_OUTCOMES' })).then([]);
    spec.given([trained(1)]).when(record({ modelId: 'm2', trigger: 'NEW_OUTCOMES', trainedThrough: later })).then([trained(2, { modelId: 'm2', trigger: 'NEW_OUTCOMES', trainedThrough: later })]);
  });
});
