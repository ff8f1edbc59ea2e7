import { startGateway, type GatewayOptions } from '../gateway/gateway-server';
import { defaultPlaygroundDistDir } from '../gateway/playground/serve';
import { openGatewayRequestKey } from '../platform/auth/gateway-request-signature';
import type { PlatformConfig } from '../platform/config';
import { errorExposure } from '../platform/graphql/error-exposure';
import { readSupergraph } from '../schema/supergraph';
import { upcastOnRead } from '../platform/eventstore/upcasting';
import { UPCASTER_REGISTRY } from './event-upcasters';

/** What the gateway takes straight from configuration; one place, so no setting reaches only one mode. */
type ConfiguredOptions = 'host' | 'port' | 'supergraphSdl' | 'gatewayRequestKey' | 'limits' | 'rateLimits' | 'apiVersions' | 'introspection' | 'subscriptions' | 'communityForumEnabled' | 'errors' | 'playgroundDistDir' | 'trustedDocuments' | 'metrics' | 'uploadMaxBytes';

/** Starts the gateway with its configured settings and what the process wires in. */
export function startConfiguredGateway(config: PlatformConfig, wiring: Omit<GatewayOptions, ConfiguredOptions>) {
  return startGateway({
    host: config.host,
    port: config.gatewayPort,
    supergraphSdl: readSupergraph(),
    gatewayRequestKey: openGatewayRequestKey(config.keysDir),
    limits: config.queryLimits,
    rateLimits: config.rateLimits,
    apiVersions: config.apiVersions,
    introspection: !config.production,
    subscriptions: config.subscriptions,
    communityForumEnabled: config.community.forumEnabled,
    errors: errorExposure(config),
    playgroundDistDir: defaultPlaygroundDistDir(),
    trustedDocuments: { ...config.trustedDocuments, playgroundRunsAnyDocument: !config.production },
    metrics: config.metrics,
    uploadMaxBytes: config.uploadMaxBytes,
    ...wiring,
    // Subscriptions show stored events: in today's shape, as the read models do.
    eventStore: upcastOnRead(wiring.eventStore, UPCASTER_REGISTRY),
  });
}
