import { createUpcasterRegistry, type UpcasterRegistry } from '../platform/eventstore/upcasting';
import { EVENT_SCHEMA_VERSIONS, EVENT_UPCASTERS } from '../schema/events';

/**
 * The domain's upcasters, handed to everything that folds events (projection runner, replay,
 * command handling through SubgraphDependencies). Built here because schema/ may use only
 * platform/'s types; built at import, so a raised event version without its upcaster stops the
 * process before it reads anything.
 */
export const UPCASTER_REGISTRY: UpcasterRegistry = createUpcasterRegistry(EVENT_UPCASTERS, { latestVersions: EVENT_SCHEMA_VERSIONS });
