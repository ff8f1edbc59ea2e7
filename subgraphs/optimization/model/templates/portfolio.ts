import type { Constraint } from '../constraints/constraint';
import { invalidTemplateInput } from '../model-error';
import { QuboModel } from '../qubo-model';
import { defaultPenaltyWeight } from './penalty-weight';
import { templateList, templateNames, templateNumber, type TemplateProblem } from './template-result';

export interface PortfolioInput {
  /** Asset names; default asset1 … assetN. */
  readonly assets?: readonly string[];
  /** μ: expected return of each asset. */
  readonly expectedReturns: readonly number[];
  /** Σ: symmetric covariance of the returns. */
  readonly covariance: readonly (readonly number[])[];
  /** λ ≥ 0: how much a unit of variance costs against a unit of return. */
  readonly riskAversion: number;
  /** Budget: hold exactly this many assets. */
  readonly budget?: number;
  /** Cardinality: hold at most this many assets. */
  readonly maxAssets?: number;
  /** Default: the rule in penalty-weight.ts. */
  readonly penaltyWeight?: number;
}

/**
 * Markowitz selection over binary holdings x: minimise λ·xᵀΣx − μᵀx, with xᵀΣx = Σ_i Σ_ii x_i +
 * 2·Σ_{i<j} Σ_ij x_i x_j for binaries, subject to a budget (Σx = B, constraint "budget") and/or a
 * cardinality limit (Σx ≤ K, constraint "cardinality").
 */
export function portfolioTemplate(input: PortfolioInput): TemplateProblem {
  const returns = templateList<number>(input.expectedReturns, 'expectedReturns');
  const n = returns.length;
  if (n === 0) throw invalidTemplateInput('expectedReturns must list at least one asset', 'expectedReturns');
  const covariance = templateList<readonly number[]>(input.covariance, 'covariance', n);
  const lambda = templateNumber(input.riskAversion, 'riskAversion');
  if (lambda < 0) throw invalidTemplateInput(`riskAversion must be ≥ 0, got ${lambda}`, 'riskAversion');
  const names = templateNames(input.assets, n, 'asset', 'assets');

  const model = new QuboModel('MINIMIZE');
  names.forEach((name) => model.addVariable(name));
  for (let i = 0; i < n; i++) {
    const row = templateList<number>(covariance[i], `covariance[${i}]`, n);
    model.addLinear(i, lambda * templateNumber(row[i], `covariance[${i}][${i}]`) - templateNumber(returns[i], `expectedReturns[${i}]`));
    for (let j = i + 1; j < n; j++) {
      const upper = templateNumber(row[j], `covariance[${i}][${j}]`);
      const lower = templateNumber(templateList<number>(covariance[j], `covariance[${j}]`, n)[i], `covariance[${j}][${i}]`);
      if (Math.abs(upper - lower) > 1e-9 * Math.max(1, Math.abs(upper))) {
        throw invalidTemplateInput(`covariance must be symmetric: [${i}][${j}] = ${upper} but [${j}][${i}] = ${lower}`, `covariance[${j}][${i}]`);
      }
      model.addQuadratic(i, j, 2 * lambda * upper);
    }
  }

  const weight = input.penaltyWeight ?? defaultPenaltyWeight(model);
  const constraints: Constraint[] = [];
  if (input.budget !== undefined) {
    const budget = holdingCount(input.budget, 'budget', 1, n);
    constraints.push({ id: 'budget', kind: 'LINEAR_EQUALITY', penaltyWeight: weight, terms: names.map((variable) => ({ variable, coefficient: 1 })), rhs: budget });
  }
  if (input.maxAssets !== undefined) {
    constraints.push({ id: 'cardinality', kind: 'AT_MOST_K', penaltyWeight: weight, variables: names, k: holdingCount(input.maxAssets, 'maxAssets', 0, n) });
  }
  return { model, constraints };
}

function holdingCount(value: unknown, field: string, min: number, max: number): number {
  const count = templateNumber(value, field);
  if (!Number.isInteger(count) || count < min || count > max) throw invalidTemplateInput(`${field} must be an integer within ${min}..${max}, got ${count}`, field);
  return count;
}
