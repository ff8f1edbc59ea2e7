import type { ProjectionState } from './projection-worker';

export interface LaggingProjection {
  readonly projection: string;
  readonly checkpoint: number;
  readonly state: ProjectionState;
  readonly error?: string;
}

/** `waitFor` gave up: these projections had not reached the position in time. */
export class ProjectionsLaggingError extends Error {
  readonly code = 'PROJECTIONS_LAGGING';

  constructor(
    readonly position: number,
    readonly timeoutMs: number,
    readonly lagging: readonly LaggingProjection[],
  ) {
    super(`Read models did not reach position ${position} within ${timeoutMs} ms: ${lagging.map(describe).join(', ')}`);
    this.name = 'ProjectionsLaggingError';
  }
}

function describe(lagging: LaggingProjection): string {
  const detail = lagging.error ? `${lagging.state}: ${lagging.error}` : lagging.state;
  return `${lagging.projection} (at ${lagging.checkpoint}, ${detail})`;
}
