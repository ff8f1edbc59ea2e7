import type { SubgraphDependencies } from '../platform/graphql/subgraph-dependencies';
import { ALL_PROJECTIONS } from '../projections';
import { COMPLIANCE_CATALOG } from '../schema/compliance';
import { UPCASTER_REGISTRY } from './event-upcasters';
import { parkedEventLog } from './process-health';

/** What differs between the process kinds that host subgraphs: the stores, the shared counters, and how read-your-writes waits. */
type HostedBy = Pick<SubgraphDependencies, 'eventStore' | 'readStore' | 'config' | 'logger' | 'waitForReadModels' | 'waitForAuditChain' | 'counters'> & {
  /** Real time unless a test moves it. */
  readonly clock?: () => Date;
};

/** Everything a subgraph works with, the same in the embedded platform and in a subgraph's own process. */
export function subgraphDependencies(host: HostedBy): SubgraphDependencies {
  return {
    ...host,
    clock: host.clock ?? (() => new Date()),
    readModelProjections: ALL_PROJECTIONS,
    upcasters: UPCASTER_REGISTRY,
    compliance: COMPLIANCE_CATALOG,
    parkedEvents: parkedEventLog(host.readStore),
  };
}
