import { portfolioTemplate } from '../../subgraphs/optimization/model';
import { optimumOf, SeededRandom, type FamilyInstance, type ProblemFamily } from './family';

export interface PortfolioSize {
  readonly assets: number;
  /** Hold exactly this many. */
  readonly hold: number;
  /** λ of λ·risk − return. */
  readonly riskAversion: number;
}

export interface PortfolioData {
  readonly expectedReturns: readonly number[];
  readonly covariance: readonly (readonly number[])[];
  readonly riskAversion: number;
  readonly hold: number;
}

/** λ·xᵀΣx − μᵀx of a set of assets: the Markowitz objective the template minimises. */
export function portfolioObjective(data: PortfolioData, assets: readonly number[]): number {
  let risk = 0;
  for (const i of assets) for (const j of assets) risk += data.covariance[i][j];
  return data.riskAversion * risk - assets.reduce((sum, i) => sum + data.expectedReturns[i], 0);
}

/**
 * Exhaustive search over the C(n, k) sets of exactly k assets, depth first with the objective
 * updated incrementally (adding asset i to S adds λΣᵢᵢ − μᵢ + 2λ·Σ_{j∈S} Σᵢⱼ). Ties keep the
 * first set found (lexicographic order).
 */
export function cardinalityPortfolioExact(data: PortfolioData): { objective: number; assets: number[] } {
  const n = data.expectedReturns.length;
  const { covariance: sigma, expectedReturns: mu, riskAversion: lambda, hold } = data;
  let best = Infinity;
  let bestSet: number[] = [];
  const chosen: number[] = [];
  const visit = (from: number, value: number): void => {
    if (chosen.length === hold) {
      if (value < best - 1e-12) {
        best = value;
        bestSet = [...chosen];
      }
      return;
    }
    for (let i = from; i <= n - (hold - chosen.length); i++) {
      let delta = lambda * sigma[i][i] - mu[i];
      for (const j of chosen) delta += 2 * lambda * sigma[i][j];
      chosen.push(i);
      visit(i + 1, value + delta);
      chosen.pop();
    }
  };
  visit(0, 0);
  return { objective: portfolioObjective(data, bestSet), assets: bestSet };
}

/**
 * Returns uniform in 2–20 %; covariance from a three-factor model, Σ = BBᵀ + D (loadings normal
 * with sd 0.12, idiosyncratic variance 0.01–0.05), so it is symmetric positive definite and the
 * assets are correlated the way real ones are.
 */
export function portfolioData(seed: number, size: PortfolioSize): PortfolioData {
  const random = new SeededRandom(seed);
  const n = size.assets;
  const factors = 3;
  const expectedReturns = Array.from({ length: n }, () => round6(random.uniform(0.02, 0.2)));
  const loadings = Array.from({ length: n }, () => Array.from({ length: factors }, () => 0.12 * random.normal()));
  const idiosyncratic = Array.from({ length: n }, () => random.uniform(0.01, 0.05));
  const covariance = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => round6(loadings[i].reduce((sum, b, f) => sum + b * loadings[j][f], 0) + (i === j ? idiosyncratic[i] : 0))),
  );
  return { expectedReturns, covariance, riskAversion: size.riskAversion, hold: size.hold };
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function portfolioFamily(size: PortfolioSize): ProblemFamily<PortfolioSize> {
  return {
    family: 'portfolio',
    formulation: `portfolioTemplate: minimise ${size.riskAversion}·xᵀΣx − μᵀx s.t. Σx = ${size.hold} (LINEAR_EQUALITY "budget"); ${size.assets} assets, 3-factor covariance; exact: exhaustive over C(${size.assets},${size.hold})`,
    size,
    generate: (seed: number): FamilyInstance => {
      const data = portfolioData(seed, size);
      const { model, constraints } = portfolioTemplate({ expectedReturns: data.expectedReturns, covariance: data.covariance, riskAversion: data.riskAversion, budget: data.hold });
      const exact = cardinalityPortfolioExact(data);
      const assignment = new Array<number>(size.assets).fill(0);
      for (const i of exact.assets) assignment[i] = 1;
      return {
        family: 'portfolio',
        name: `portfolio-n${size.assets}k${size.hold}-s${seed}`,
        seed,
        model,
        constraints,
        optimum: optimumOf(model, assignment, exact.objective, 'portfolio'),
        n: model.size,
      };
    },
  };
}
