import { startGateway } from '../gateway/gateway-server';
import { defaultPlaygroundDistDir } from '../gateway/playground/serve';
import { readSupergraph } from '../schema/supergraph';
import { runUntilSignalled } from './run-process';
import { openEventStore } from './stores';
import { createTokenVerifier } from './token-verifier';

/** `npm run start:gateway`: the gateway in its own process, subgraphs at SUBGRAPH_<NAME>_URL. */
runUntilSignalled('goliath-gateway', async (config, logger) => {
  const eventStore = openEventStore(config);
  const gateway = await startGateway({
    host: config.host,
    port: config.gatewayPort,
    supergraphSdl: readSupergraph(),
    subgraphUrls: config.subgraphUrls,
    verifyToken: await createTokenVerifier(config),
    eventStore,
    limits: config.queryLimits,
    rateLimits: config.rateLimits,
    apiVersions: config.apiVersions,
    introspection: !config.production,
    playgroundDistDir: defaultPlaygroundDistDir(),
    logger,
  });
  logger.info({ url: gateway.url, playground: gateway.playgroundUrl, subscriptions: gateway.subscriptionUrl }, 'gateway listening');
  return async () => {
    await gateway.stop();
    await eventStore.close();
  };
});
