import type { Decider } from '../../../platform/commands/decider';
import type { EvolutionModelEvent, EvolutionModelTrainedData } from '../../../schema/events';

/** A tenant's models so far: how many, and the latest outcome the newest one was trained on. */
export interface EvolutionModelState {
  readonly version: number;
  readonly trainedThrough: string | null;
}

export type EvolutionModelCommand = { readonly type: 'RecordTrainedModel'; readonly model: Omit<EvolutionModelTrainedData, 'modelVersion'> };

/**
 * Numbers each trained model of a tenant. A retraining after new outcomes that covers no outcome
 * later than the newest model (a replica's retrainer or a caller got there first) records nothing,
 * so the retrainers of several processes train once per batch of new outcomes; a caller's request
 * always records a new version.
 */
export const evolutionModelDecider: Decider<EvolutionModelState, EvolutionModelCommand, EvolutionModelEvent> = {
  initialState: () => ({ version: 0, trainedThrough: null }),
  evolve: (_state, event) => ({ version: event.data.modelVersion, trainedThrough: event.data.trainedThrough }),
  decide({ model }, state) {
    if (model.trigger === 'NEW_OUTCOMES' && state.trainedThrough !== null && model.trainedThrough <= state.trainedThrough) return [];
    return [{ type: 'EvolutionModelTrained', data: { ...model, modelVersion: state.version + 1 } }];
  },
};
