import type { TenantReplay } from './replay-tenant';

/**
 * A replay as the API's `replayAudit` answers it and the CLI prints it, in one shape and with one
 * set of names (`{tenantId, asOf, position, eventCount, aggregates: [{name, count, documents}]}`),
 * so a script reads the same fields from either.
 */
export function replayAnswer(replay: TenantReplay) {
  return {
    tenantId: replay.tenantId,
    asOf: replay.asOf ?? null,
    position: replay.position,
    eventCount: replay.eventCount,
    aggregates: replay.collections.map((collection) => ({ name: collection.name, count: collection.documents.length, documents: collection.documents })),
  };
}
