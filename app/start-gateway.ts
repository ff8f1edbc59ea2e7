import { startConfiguredGateway } from './gateway-settings';
import { checkpointHealth } from './process-health';
import { runUntilSignalled } from './run-process';
import { openEventStore, openReadStore } from './stores';
import { createTokenVerifier } from './token-verifier';

/** `npm run start:gateway`: the gateway in its own process, subgraphs at SUBGRAPH_<NAME>_URL. */
runUntilSignalled('goliath-gateway', async (config, logger) => {
  const eventStore = openEventStore(config);
  // Read only for health: the projections' checkpoints and dead letters.
  const readStore = openReadStore(config);
  const tokens = await createTokenVerifier(config, eventStore, logger);
  const gateway = await startConfiguredGateway(config, {
    subgraphUrls: config.subgraphUrls,
    verifyToken: tokens.verifyToken,
    publishedKeys: tokens.publishedKeys,
    onSessionRevoked: tokens.onSessionRevoked,
    eventStore,
    logger,
    health: checkpointHealth(config, eventStore, readStore),
  });
  logger.info({ url: gateway.url, playground: gateway.playgroundUrl, subscriptions: gateway.subscriptionUrl }, 'gateway listening');
  return async () => {
    await gateway.stop();
    await tokens.stop();
    await readStore.close();
    await eventStore.close();
  };
});
