import { knapsackTemplate } from '../../subgraphs/optimization/model';
import { optimumOf, SeededRandom, type FamilyInstance, type ProblemFamily } from './family';

export interface KnapsackSize {
  readonly items: number;
  /** Capacity as a share of the total weight. */
  readonly capacityShare: number;
}

export interface KnapsackData {
  readonly values: readonly number[];
  readonly weights: readonly number[];
  readonly capacity: number;
}

/**
 * 0/1 knapsack by dynamic programming over the capacity (integer weights): best[c] is the most
 * value that fits in c, items taken one at a time (c downwards, so each at most once); a table of
 * choices per item gives one optimal packing back. O(items × capacity).
 */
export function knapsackExact({ values, weights, capacity }: KnapsackData): { value: number; take: number[] } {
  const n = values.length;
  const cap = Math.floor(capacity);
  if (weights.some((w) => !Number.isInteger(w) || w < 0)) throw new Error('knapsackExact needs non-negative integer weights');
  const best = new Float64Array(cap + 1);
  const took = Array.from({ length: n }, () => new Uint8Array(cap + 1));
  for (let i = 0; i < n; i++) {
    for (let c = cap; c >= weights[i]; c--) {
      const withItem = best[c - weights[i]] + values[i];
      if (withItem > best[c]) {
        best[c] = withItem;
        took[i][c] = 1;
      }
    }
  }
  const take = new Array<number>(n).fill(0);
  let c = cap;
  for (let i = n - 1; i >= 0; i--) {
    if (took[i][c]) {
      take[i] = 1;
      c -= weights[i];
    }
  }
  return { value: best[cap], take };
}

/**
 * Weakly correlated items (the classic harder-than-random setting): weight uniform in 10..60,
 * value = weight ± 10 (at least 1), capacity a share of the total weight. Integer data, so the
 * capacity constraint needs no scaling and its slack takes ⌈log₂(capacity + 1)⌉ bits.
 */
export function knapsackData(seed: number, size: KnapsackSize): KnapsackData {
  const random = new SeededRandom(seed);
  const weights = Array.from({ length: size.items }, () => random.int(10, 60));
  const values = weights.map((w) => Math.max(1, w + random.int(-10, 10)));
  const capacity = Math.floor(size.capacityShare * weights.reduce((a, b) => a + b, 0));
  return { values, weights, capacity };
}

export function knapsackFamily(size: KnapsackSize): ProblemFamily<KnapsackSize> {
  return {
    family: 'knapsack',
    formulation: `knapsackTemplate: maximise Σvᵢxᵢ s.t. Σwᵢxᵢ ≤ C (LINEAR_INEQUALITY "capacity", binary slack); ${size.items} items, C = ${size.capacityShare}·Σw; exact: DP over capacity`,
    size,
    generate: (seed: number): FamilyInstance => {
      const data = knapsackData(seed, size);
      const { model, constraints } = knapsackTemplate(data);
      const exact = knapsackExact(data);
      return {
        family: 'knapsack',
        name: `knapsack-n${size.items}-s${seed}`,
        seed,
        model,
        constraints,
        optimum: optimumOf(model, exact.take, exact.value, 'knapsack'),
        n: model.size,
      };
    },
  };
}
