import { penaltyWeightFor, qiskitDefaultPenalty, type ComputedPenaltyMethod, type Constraint } from '../../subgraphs/optimization/model';
import type { FamilyInstance, FamilyName } from './family';
import type { InstanceOutcome } from './solve-instance';

/** A penalty weight for every constraint of an instance, by constraint id. */
export type ConstraintWeights = ReadonlyMap<string, number>;

/**
 * What a provider may use while it learns: the bench's own solve (same engine, time budget and
 * seed as the evaluation), so an evolved provider can run shadow solves on training instances.
 */
export interface TrainingContext {
  readonly timeLimitMs: number;
  readonly solve: (instance: FamilyInstance, weights: ConstraintWeights) => Promise<InstanceOutcome>;
}

/**
 * One column of the comparison: a rule that gives each constraint of an instance its penalty
 * weight. Static rules read the instance alone; the evolved provider (evolved-provider.ts: the
 * weight search of `evolveConstraints`) learns on the family's training instances first — `train`
 * is called once per family, before any held-out instance of that family is asked about, and
 * never sees one.
 */
export interface WeightProvider {
  /** Column label: UB, MQC, VLM, QISKIT, EVOLVED … */
  readonly name: string;
  readonly description: string;
  readonly train?: (family: FamilyName, training: readonly FamilyInstance[], context: TrainingContext) => Promise<void>;
  readonly weightsFor: (instance: FamilyInstance) => ConstraintWeights | Promise<ConstraintWeights>;
}

/** The same weight for every constraint of the instance. */
export function uniformWeights(instance: FamilyInstance, weight: number): ConstraintWeights {
  return new Map(instance.constraints.map((constraint) => [constraint.id, weight]));
}

/** UB, MQC or VLM as `penaltyWeightFor` computes it from the instance's objective (Ayodele et al., 2022). */
export function staticMethodProvider(method: ComputedPenaltyMethod): WeightProvider {
  const descriptions: Record<ComputedPenaltyMethod, string> = {
    UB: 'upper bound of the objective: Σ|qᵢᵢ| + Σ|qᵢⱼ|',
    MQC: 'maximum QUBO coefficient of the objective',
    VLM: 'Verma–Lewis: the most one flip can change the objective',
  };
  return { name: method, description: descriptions[method], weightsFor: (instance) => uniformWeights(instance, penaltyWeightFor(method, instance.model)) };
}

/** Qiskit Optimization's QuadraticProgramToQubo default (`qiskitDefaultPenalty`). */
export function qiskitDefaultProvider(): WeightProvider {
  return {
    name: 'QISKIT',
    description: "Qiskit's QuadraticProgramToQubo default: 1 + objective range (1e5 for non-integer constraint data)",
    weightsFor: (instance) => uniformWeights(instance, qiskitDefaultPenalty(instance.model, instance.constraints)),
  };
}

/** The four static anchors the evolved weights must beat. */
export function staticProviders(): WeightProvider[] {
  return [staticMethodProvider('UB'), staticMethodProvider('MQC'), staticMethodProvider('VLM'), qiskitDefaultProvider()];
}

/** The instance's constraints with the provider's weights; every constraint must have one. */
export function withWeights(instance: FamilyInstance, weights: ConstraintWeights): Constraint[] {
  return instance.constraints.map((constraint) => {
    const weight = weights.get(constraint.id);
    if (weight === undefined || !(weight >= 0) || !Number.isFinite(weight)) {
      throw new Error(`${instance.name}: no usable penalty weight for constraint "${constraint.id}" (got ${weight})`);
    }
    return { ...constraint, penaltyWeight: weight };
  });
}
