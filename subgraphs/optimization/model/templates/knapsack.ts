import { integerScale } from '../constraints/slack-encoding';
import { invalidTemplateInput } from '../model-error';
import { QuboModel } from '../qubo-model';
import { defaultPenaltyWeight } from './penalty-weight';
import { templateList, templateNames, templateNumber, type TemplateProblem } from './template-result';

export interface KnapsackInput {
  /** Item names; default item1 … itemN. */
  readonly items?: readonly string[];
  readonly values: readonly number[];
  /** Non-negative weights, integers or at most 6 decimal places (the inequality's scaling rule). */
  readonly weights: readonly number[];
  readonly capacity: number;
  /** Default: the rule in penalty-weight.ts, with the weights' decimal scale. */
  readonly penaltyWeight?: number;
}

/**
 * 0/1 knapsack: maximise Σ vᵢxᵢ subject to Σ wᵢxᵢ ≤ capacity (constraint "capacity", a linear
 * inequality with slack). The model minimises −Σ vᵢxᵢ with sourceSense 'MAXIMIZE', so
 * toSourceObjective gives the packed value.
 */
export function knapsackTemplate(input: KnapsackInput): TemplateProblem {
  const values = templateList<number>(input.values, 'values');
  const n = values.length;
  if (n === 0) throw invalidTemplateInput('values must list at least one item', 'values');
  const weights = templateList<number>(input.weights, 'weights', n).map((weight, i) => {
    const checked = templateNumber(weight, `weights[${i}]`);
    if (checked < 0) throw invalidTemplateInput(`weights[${i}] must be ≥ 0, got ${checked}`, `weights[${i}]`);
    return checked;
  });
  const capacity = templateNumber(input.capacity, 'capacity');
  if (capacity < 0) throw invalidTemplateInput(`capacity must be ≥ 0, got ${capacity}`, 'capacity');
  const scale = integerScale(weights);
  if (scale === undefined) throw invalidTemplateInput('weights must be integers or have at most 6 decimal places', 'weights');
  const names = templateNames(input.items, n, 'item', 'items');

  const model = new QuboModel('MAXIMIZE');
  names.forEach((name, i) => model.addLinear(model.addVariable(name), -templateNumber(values[i], `values[${i}]`)));
  return {
    model,
    constraints: [
      {
        id: 'capacity',
        kind: 'LINEAR_INEQUALITY',
        penaltyWeight: input.penaltyWeight ?? defaultPenaltyWeight(model, 1 / scale),
        terms: names.map((variable, i) => ({ variable, coefficient: weights[i] })),
        relation: 'LESS_OR_EQUAL',
        rhs: capacity,
      },
    ],
  };
}
