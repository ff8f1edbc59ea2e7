import type { ProjectionState } from './projection-worker';

export interface LaggingProjection {
  readonly projection: string;
  readonly checkpoint: number;
  readonly state: ProjectionState;
  readonly error?: string;
}

/** `waitFor` gave up: these projections had not reached the position (in time, or at all because they stopped). */
export class ProjectionsLaggingError extends Error {
  readonly code = 'PROJECTIONS_LAGGING';

  constructor(
    readonly position: number,
    readonly timeoutMs: number,
    readonly lagging: readonly LaggingProjection[],
    readonly reason: 'timeout' | 'failed',
  ) {
    const names = lagging.map(describe).join(', ');
    super(
      reason === 'timeout'
        ? `Read models did not reach position ${position} within ${timeoutMs} ms: ${names}`
        : `Read models cannot reach position ${position}: ${names}`,
    );
    this.name = 'ProjectionsLaggingError';
  }
}

function describe(lagging: LaggingProjection): string {
  const detail = lagging.error ? `${lagging.state}: ${lagging.error}` : lagging.state;
  return `${lagging.projection} (at ${lagging.checkpoint}, ${detail})`;
}
