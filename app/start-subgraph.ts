import 'reflect-metadata';
import { isSubgraphName, loadConfig, SUBGRAPH_NAMES } from '../platform/config';
import { startSubgraphServer } from '../platform/graphql/subgraph-server';
import { createLogger } from '../platform/logging';
import { ALL_PROJECTIONS } from '../projections';
import { pollCheckpoints } from './read-your-writes';
import { stopOnSignals } from './shutdown';
import { openEventStore, openReadStore } from './stores';
import { SUBGRAPHS } from './subgraph-catalog';
import { createTokenVerifier } from './token-verifier';

/** `npm run start:subgraph -- NAME`: one subgraph in its own process (docker-compose). */
async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  if (!isSubgraphName(name)) throw new Error(`Usage: npm run start:subgraph -- ${SUBGRAPH_NAMES.join('|')}`);
  const config = loadConfig();
  const logger = createLogger(`goliath-${name}`, config.logLevel);
  const eventStore = openEventStore(config);
  const readStore = openReadStore(config);
  const schema = await SUBGRAPHS[name].build({
    eventStore,
    readStore,
    clock: () => new Date(),
    logger,
    waitForReadModels: pollCheckpoints(readStore, ALL_PROJECTIONS.map((projection) => projection.name), config.readYourWritesTimeoutMs),
  });
  const server = await startSubgraphServer({
    name,
    schema,
    host: config.host,
    port: config.subgraphPort ?? SUBGRAPHS[name].defaultPort,
    verifyToken: await createTokenVerifier(config),
    logger,
  });
  stopOnSignals(async () => {
    await server.stop();
    await readStore.close();
    await eventStore.close();
  }, logger);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
