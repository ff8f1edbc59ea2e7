import type { DomainEvent } from '../../platform/commands/decider';
import type { AlgorithmRecipe } from './algorithm-events';
import type { SolveKind } from './constraint-outcome-events';

/** What a recipe sets of the engine beyond strategy, time limit and samples (which the solve's own fields carry). */
export type RecipeEngineParameters = Omit<NonNullable<AlgorithmRecipe['parameters']>, 'numSamples'>;

/** A solve that runs a marketplace algorithm's recipe: which version, whose, and the engine parameters it set. */
export interface AlgorithmRunReference {
  readonly algorithmId: string;
  readonly version: number;
  readonly authorTenantId: string;
  readonly authorId: string;
  readonly parameters: RecipeEngineParameters;
}

/**
 * One run of a marketplace algorithm's recipe, in the solve's own stream (`optimization-<runId>`
 * or `solvejob-<jobId>`, in the same append as the solve's outcome), so a run is metered exactly
 * when it is recorded. Folded into the author's usage figures (`algorithm_usage`) and, by the
 * community's listing projection, into a listing's run count.
 */
export type AlgorithmRunMetered = DomainEvent<
  'AlgorithmRunMetered',
  {
    readonly algorithmId: string;
    readonly version: number;
    /** The tenant that ran it (the solve's tenant). */
    readonly runnerTenantId: string;
    /** The listing's owner and author, so usage is shown to them without reading the runner's tenant. */
    readonly authorTenantId: string;
    readonly authorId: string;
    readonly solveId: string;
    readonly solveKind: SolveKind;
    readonly cpuMs: number;
    readonly wallMs: number;
    readonly at: string;
  }
>;

export type AlgorithmRunEvent = AlgorithmRunMetered;

export const ALGORITHM_RUN_EVENT_VERSIONS: Readonly<Record<AlgorithmRunEvent['type'], number>> = { AlgorithmRunMetered: 1 };
