import { Xoshiro128 } from '../../engine/prng';
import { CONSTRAINT_KINDS, type ConstraintKind } from '../../model';
import type { OutcomeSample } from '../outcome-samples';

/** log2(weight / scale) above which each kind is satisfied in the synthetic data: a different threshold per kind. */
export const SYNTHETIC_THRESHOLDS: Readonly<Record<ConstraintKind, number>> = { LINEAR_EQUALITY: 0, LINEAR_INEQUALITY: -1, ONE_HOT: 1, AT_MOST_K: -2, CUSTOM_PENALTY: 2 };

/**
 * Outcomes that a weight threshold per kind separates exactly: one constraint of a random kind per
 * solve, at a weight between 2^−6 and 2^6 times the objective's scale of 10.
 */
export function syntheticOutcomes(count: number, seed: number): OutcomeSample[] {
  const random = new Xoshiro128(seed);
  return Array.from({ length: count }, (_, i) => {
    const kind = CONSTRAINT_KINDS[random.nextInt(CONSTRAINT_KINDS.length)];
    const log2Weight = -6 + 12 * random.nextFloat();
    const satisfied = log2Weight > SYNTHETIC_THRESHOLDS[kind];
    return {
      scenario: { kind, penaltyWeight: 10 * 2 ** log2Weight, coefficientScale: 10, tightness: kind === 'CUSTOM_PENALTY' ? null : 1, variables: 20, density: 0.1, timeLimitMs: 100 },
      satisfied,
      violation: satisfied ? 0 : 1 + Math.abs(log2Weight - SYNTHETIC_THRESHOLDS[kind]),
      objectiveGap: satisfied ? 0.01 * (log2Weight - SYNTHETIC_THRESHOLDS[kind]) : null,
      solveId: `solve-${i}`,
    };
  });
}
