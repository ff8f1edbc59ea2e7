import type { ReadStore } from '../../../platform/readstore/port';
import { CONSTRAINT_OUTCOMES_COLLECTION, type ConstraintOutcomeDocument } from '../../../schema/read-models/constraint-performance';
import type { ConstraintDocument } from '../../../schema/read-models/optimization';

/**
 * A constraint's latest solves at the weight it has now, newest first: what its current weight
 * does. Solves at an earlier weight say nothing about the current one (an evolution or an update
 * changed it since), so neither evolution nor triggers count them.
 */
export async function recentOutcomesAtWeight(readStore: ReadStore, constraint: Pick<ConstraintDocument, 'id' | 'penaltyWeight'>, limit: number): Promise<ConstraintOutcomeDocument[]> {
  const page = await readStore
    .collection<ConstraintOutcomeDocument>(CONSTRAINT_OUTCOMES_COLLECTION)
    .find({ where: { constraintId: constraint.id }, sort: [{ field: 'recordedAt', direction: 'desc' }], first: limit });
  // Newest first: the run of solves at the current weight ends at the first solve at another one.
  const atWeight: ConstraintOutcomeDocument[] = [];
  for (const outcome of page.items) {
    if (outcome.penaltyWeight !== constraint.penaltyWeight) break;
    atWeight.push(outcome);
  }
  return atWeight;
}
