import type { AlgorithmRunMetered, SolveKind } from '../../../schema/events';
import type { AlgorithmRun } from './algorithm-entitlement';

export interface MeteredSolve {
  readonly runnerTenantId: string;
  readonly solveId: string;
  readonly solveKind: SolveKind;
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly at: string;
}

/** One run of a listing's recipe, metered to the listing (and so to its author). */
export function algorithmRunMetered(listing: AlgorithmRun['listing'], solve: MeteredSolve): AlgorithmRunMetered['data'] {
  const { algorithmId, version, authorTenantId, authorId } = listing;
  return { algorithmId, version, authorTenantId, authorId, ...solve };
}
