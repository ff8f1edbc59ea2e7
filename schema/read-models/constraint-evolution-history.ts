import type { ConstraintEvolutionRef } from '../events/optimization-events';

/** Every change of a stored constraint's parameters (`<constraintId>:<revision>`), by hand or by an evolution. */
export const CONSTRAINT_EVOLUTION_HISTORY_COLLECTION = 'constraint_evolution_history';

export interface ConstraintEvolutionHistoryDocument {
  readonly id: string;
  readonly tenantId: string;
  readonly constraintId: string;
  readonly problemId: string;
  readonly evolutionReason: string;
  /** What evolution tunes, before the change: the weight and how it was chosen. */
  readonly oldParameters: Readonly<Record<string, unknown>>;
  /** The constraint's parameters after the change (its definition without id and kind). */
  readonly newParameters: Readonly<Record<string, unknown>>;
  readonly occurredAt: string;
  readonly actor: string;
  readonly evolutionId: string | null;
  readonly evolution?: ConstraintEvolutionRef;
  readonly [field: string]: unknown;
}
