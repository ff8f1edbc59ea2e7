import { startGateway } from '../gateway/gateway-server';
import { defaultPlaygroundDistDir } from '../gateway/playground/serve';
import { loadConfig } from '../platform/config';
import { createLogger } from '../platform/logging';
import { readSupergraph } from '../schema/supergraph';
import { stopOnSignals } from './shutdown';
import { openEventStore } from './stores';
import { createTokenVerifier } from './token-verifier';

/** `npm run start:gateway`: the gateway in its own process, subgraphs at SUBGRAPH_<NAME>_URL. */
async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const config = loadConfig();
  const logger = createLogger('goliath-gateway', config.logLevel);
  const eventStore = openEventStore(config);
  const gateway = await startGateway({
    host: config.host,
    port: config.gatewayPort,
    supergraphSdl: readSupergraph(),
    subgraphUrls: config.subgraphUrls,
    verifyToken: await createTokenVerifier(config),
    eventStore,
    limits: config.queryLimits,
    introspection: !config.production,
    playgroundDistDir: defaultPlaygroundDistDir(),
    logger,
  });
  logger.info({ url: gateway.url, playground: gateway.playgroundUrl, subscriptions: gateway.subscriptionUrl }, 'gateway listening');
  stopOnSignals(async () => {
    await gateway.stop();
    await eventStore.close();
  }, logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
