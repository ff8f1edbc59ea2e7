import { badUserInput } from '../../../platform/errors';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import type { ModelLimits } from '../model';

/** A requested time limit, defaulted and bounded; refused with BAD_USER_INPUT outside 1..max. */
export function timeLimit(requested: number | undefined, fallback: number, max: number): number {
  const value = requested ?? fallback;
  if (value <= 0 || value > max) throw badUserInput(`timeLimitMs must be between 1 and ${max}.`, 'timeLimitMs');
  return value;
}

/** The size limits of a synchronous solve: the tenant-wide QUBO limits, narrowed by the synchronous cap. */
export function synchronousSolveLimits(deps: SubgraphDependencies): ModelLimits {
  const { quboLimits, optimize } = deps.config;
  return { maxVariables: Math.min(optimize.maxVariables, quboLimits.maxVariables), maxQuadraticTerms: quboLimits.maxQuadraticTerms };
}
