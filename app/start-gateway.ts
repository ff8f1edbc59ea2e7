import { startGatewayProcess } from './gateway-process';
import { runUntilSignalled } from './run-process';

/** `npm run start:gateway`: the gateway in its own process, subgraphs at SUBGRAPH_<NAME>_URL. */
runUntilSignalled('goliath-gateway', async (config, logger) => {
  const { gateway, stop } = await startGatewayProcess(config, logger, async () => config.subgraphUrls);
  logger.info({ url: gateway.url, playground: gateway.playgroundUrl, subscriptions: gateway.subscriptionUrl }, 'gateway listening');
  return stop;
});
