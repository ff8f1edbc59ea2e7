import { subgraphFetchDuration, subgraphFetches } from './metrics';

/** The gateway's requests to one subgraph, timed to the whole answer and counted by HTTP status (or "unreachable"). */
export function measuredFetch<F extends (...args: never[]) => Promise<{ readonly status: number }>>(subgraph: string, fetch: F): F {
  return (async (...args: Parameters<F>) => {
    const ended = subgraphFetchDuration.startTimer({ subgraph });
    try {
      const response = await fetch(...args);
      subgraphFetches.inc({ subgraph, outcome: String(response.status) });
      return response;
    } catch (error) {
      subgraphFetches.inc({ subgraph, outcome: 'unreachable' });
      throw error;
    } finally {
      ended();
    }
  }) as F;
}
