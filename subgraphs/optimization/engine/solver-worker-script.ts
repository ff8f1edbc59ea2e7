import { resolveWorkerScript } from '../../../platform/workers/worker-script';

/** The solver Worker's file (platform/workers/worker-script.ts says how it is found); GOLIATH_SOLVER_WORKER overrides it. */
export function resolveSolverWorkerScript(explicit?: string): string {
  return resolveWorkerScript({ directory: __dirname, baseName: 'solver-worker', explicit: explicit ?? process.env.GOLIATH_SOLVER_WORKER });
}
