import { penaltyWeightFor } from '../../subgraphs/optimization/model';
import { colouringFamily } from './colouring-family';
import { DEFAULT_EVOLVED_SETTINGS, evolvedProvider, groupOf, halvingsBelowBase, measureOnFamily, scaledWeights } from './evolved-provider';
import type { FamilyInstance } from './family';
import { knapsackFamily } from './knapsack-family';
import type { InstanceOutcome } from './solve-instance';
import type { ConstraintWeights, TrainingContext } from './weight-providers';

const knapsack = knapsackFamily({ items: 8, capacityShare: 0.4 });
const colouring = colouringFamily({ vertices: 6, colours: 3, edgeProbability: 0.5, maxCost: 10 });
const training = (family: { generate: (seed: number) => FamilyInstance }) => [1, 2, 3, 4].map(family.generate);

/**
 * A stand-in for the engine: a constraint holds when its weight is at least `needs` × the
 * instance's VLM (per kind), and the gap is `gapOf(multiplier)` of the first constraint's.
 */
function fakeSolve(needs: Record<string, number>, gapOf: (multiplier: number) => number = () => 0): TrainingContext['solve'] & { calls: number } {
  const solve = async (instance: FamilyInstance, weights: ConstraintWeights): Promise<InstanceOutcome> => {
    solve.calls++;
    const vlm = penaltyWeightFor('VLM', instance.model);
    const unsatisfied = instance.constraints.filter((constraint) => weights.get(constraint.id)! < needs[groupOf(constraint)] * vlm - 1e-9).map((constraint) => constraint.id);
    const feasible = unsatisfied.length === 0;
    const gap = gapOf(weights.get(instance.constraints[0].id)! / vlm);
    return {
      instance: instance.name,
      strategy: 'FAKE',
      weight: { min: Math.min(...weights.values()), max: Math.max(...weights.values()) },
      feasible,
      optimal: feasible && gap === 0,
      gapPercent: feasible ? gap : null,
      sourceObjective: 0,
      weightTooLow: false,
      violatedConstraints: unsatisfied.length,
      totalViolation: unsatisfied.length,
      unsatisfiedConstraints: unsatisfied,
      timeToOptimumMs: null,
      timeToBestMs: 0,
      totalMs: 0,
      feasibleSampleShare: feasible ? 1 : 0,
      bestFeasibleSampleGapPercent: feasible ? gap : null,
      restarts: 0,
    };
  };
  solve.calls = 0;
  return solve;
}

describe('EVOLVED weight provider (searchWeights over a family’s training instances)', () => {
  it('groups constraints by kind and scales each instance’s own base rule', () => {
    const instance = colouring.generate(7);
    const weights = scaledWeights(instance, 'VLM', { ONE_HOT: 2, CUSTOM_PENALTY: 0.5 });
    const vlm = penaltyWeightFor('VLM', instance.model);
    for (const constraint of instance.constraints) {
      expect(weights.get(constraint.id)).toBeCloseTo(constraint.id.startsWith('vertex:') ? 2 * vlm : 0.5 * vlm);
    }
    expect(() => scaledWeights(instance, 'VLM', { ONE_HOT: 1 })).toThrow(/no multiplier learned for constraint group CUSTOM_PENALTY/);
  });

  it('measures per group the share of instances whose best sample satisfies all of the group’s constraints', async () => {
    // edges hold from 1× VLM, vertices only from 2×: at (1, 1) every instance breaks a vertex, none an edge
    const measurement = await measureOnFamily(training(colouring), 'VLM', { ONE_HOT: 1, CUSTOM_PENALTY: 1 }, fakeSolve({ ONE_HOT: 2, CUSTOM_PENALTY: 1 }));
    expect(measurement.feasibilityRates).toEqual({ ONE_HOT: 0, CUSTOM_PENALTY: 1 });
    expect(measurement.feasible).toBe(0);
    expect(measurement.meanGapPercent).toBeNull();
  });

  it('prices halvings below the base rule, never raises above it', () => {
    expect(halvingsBelowBase({ a: 1, b: 4 })).toBe(0);
    expect(halvingsBelowBase({ a: 0.5, b: 0.25 })).toBe(3);
  });

  it('raises the groups that fail until every training instance holds, then applies the multipliers to a held-out instance', async () => {
    const provider = evolvedProvider();
    const solve = fakeSolve({ ONE_HOT: 1.5, CUSTOM_PENALTY: 1.2 });
    await provider.train!('colouring', training(colouring), { timeLimitMs: 10, solve });
    const learned = provider.learned().get('colouring')!;
    expect(learned.unmet).toEqual([]);
    expect(learned.multipliers.ONE_HOT).toBeGreaterThanOrEqual(1.5);
    expect(learned.multipliers.CUSTOM_PENALTY).toBeGreaterThanOrEqual(1.2);
    // never above one step over what is needed: the search bisects back
    expect(learned.multipliers.ONE_HOT).toBeLessThanOrEqual(3);
    expect(learned.roles).toEqual({ ONE_HOT: ['vertex'], CUSTOM_PENALTY: ['edge'] });
    // every distinct vector was solved once per training instance
    expect(solve.calls).toBe(learned.evaluations.length * 4);
    const heldOut = colouring.generate(99);
    const weights = await provider.weightsFor(heldOut);
    const vlm = penaltyWeightFor('VLM', heldOut.model);
    expect(weights.get(heldOut.constraints[0].id)).toBeCloseTo(learned.multipliers[groupOf(heldOut.constraints[0])] * vlm);
  });

  it('lowers an always-satisfied group while the gap gains more than the risk price, and stops where it breaks', async () => {
    const provider = evolvedProvider();
    // feasible from 0.2× VLM; the gap falls with the weight (1 + m %): 1 → 0.5 → 0.25 gain, 0.125 breaks, the finer 0.177 too
    await provider.train!('knapsack', training(knapsack), { timeLimitMs: 10, solve: fakeSolve({ LINEAR_INEQUALITY: 0.2 }, (m) => 1 + m) });
    expect(provider.learned().get('knapsack')!.multipliers.LINEAR_INEQUALITY).toBeCloseTo(0.25);
  });

  it('keeps the base rule when lowering gains nothing (a tie is not a reason to sit at the edge)', async () => {
    const provider = evolvedProvider();
    await provider.train!('knapsack', training(knapsack), { timeLimitMs: 10, solve: fakeSolve({ LINEAR_INEQUALITY: 0.2 }) });
    expect(provider.learned().get('knapsack')!.multipliers.LINEAR_INEQUALITY).toBe(1);
  });

  it('refuses an instance of a family it was not trained on', () => {
    const provider = evolvedProvider(DEFAULT_EVOLVED_SETTINGS);
    expect(() => provider.weightsFor(knapsack.generate(1))).toThrow(/not been trained on the knapsack family/);
  });
});
