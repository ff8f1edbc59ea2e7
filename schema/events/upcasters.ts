import type { Upcaster } from '../../platform/eventstore/upcasting';

/**
 * Every upcaster of the domain's events. When a stored event type changes shape, raise its version
 * in its `*_EVENT_VERSIONS` map and add the upcaster from the old version here; the registry built
 * from this list (app/event-upcasters.ts) refuses to start while a raised version has none.
 * Empty: no event type has changed shape since it was first stored.
 */
export const EVENT_UPCASTERS: readonly Upcaster[] = [];
