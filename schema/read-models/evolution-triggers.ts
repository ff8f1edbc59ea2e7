import type { EvolutionTriggerDefinition } from '../events/evolution-trigger-events';

/** A tenant's evolution triggers, with when they last fired. */
export const EVOLUTION_TRIGGERS_COLLECTION = 'evolution_triggers';

export type EvolutionTriggerDocument = Omit<EvolutionTriggerDefinition, 'triggerId'> & {
  readonly id: string;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly fireCount: number;
  readonly lastFiredAt?: string;
  readonly lastFiredReason?: string;
  readonly [field: string]: unknown;
};
