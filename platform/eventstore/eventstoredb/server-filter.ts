import {
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamSubscription,
  type Filter,
  type Position,
} from '@eventstore/db-client';
import type { EventFilter } from '../port';

type CheckpointReached = (subscription: AllStreamSubscription, position: Position) => void;

/**
 * The server filters on one dimension only. Categories go to the server when given (prefix
 * `category-`, as streams are named `category-id`), otherwise event types (an anchored regex, so
 * `TenantCreated` does not also select `TenantCreatedV2`), otherwise only system events are
 * excluded. The subscription re-applies the whole port filter to what arrives, which covers the
 * second dimension and makes the choice here purely an optimisation.
 *
 * A tenant (`EventFilter.tenantId`) is never sent to the server: it lives in the event's metadata,
 * and the server filters only by stream prefix or event type. It is applied client-side by the
 * subscription (`matchesFilter`), so on EventStoreDB a tenant's feed still receives, and skips,
 * the other tenants' events of its categories; a per-tenant link stream would avoid that at the
 * cost of a server-side projection to maintain.
 */
export function toServerFilter(filter: EventFilter | undefined, checkpointReached: CheckpointReached): Filter {
  // Every 32 scanned events (the client's search window) the server reports a checkpoint.
  const checkpoints = { checkpointInterval: 1, checkpointReached };
  if (filter?.categories && filter.categories.length > 0) {
    return streamNameFilter({ prefixes: filter.categories.map((category) => `${category}-`), ...checkpoints });
  }
  if (filter?.eventTypes && filter.eventTypes.length > 0) {
    return eventTypeFilter({ regex: `^(?:${filter.eventTypes.map(escapeRegex).join('|')})$`, ...checkpoints });
  }
  return excludeSystemEvents(checkpoints);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
