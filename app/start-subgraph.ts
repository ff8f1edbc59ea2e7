import 'reflect-metadata';
import { openGatewayRequestKey } from '../platform/auth/gateway-request-signature';
import { isSubgraphName, SUBGRAPH_NAMES } from '../platform/config';
import { startSubgraphServer } from '../platform/graphql/subgraph-server';
import { uploadBodyLimitBytes } from '../platform/http/body-limits';
import { AUDIT_CHAIN_PROJECTION, READ_MODEL_NAMES } from '../projections';
import { checkpointHealth } from './process-health';
import { pollCheckpoints } from './read-your-writes';
import { reportReady } from './parent-channel';
import { runUntilSignalled } from './run-process';
import { openEventStore, openReadStore } from './stores';
import { SUBGRAPHS } from './subgraph-catalog';
import { openCounters, openLocks } from './coordination';
import { startSubgraphWork } from './subgraph-work';
import { subgraphDependencies } from './subgraph-dependencies';
import { createTokenVerifier } from './token-verifier';
import { errorExposure } from '../platform/graphql/error-exposure';

/** `npm run start:subgraph -- NAME`: one subgraph in its own process (docker-compose). */
const name = process.argv[2] ?? '';
if (!isSubgraphName(name)) {
  process.stderr.write(`Usage: npm run start:subgraph -- ${SUBGRAPH_NAMES.join('|')}\n`);
  process.exit(1);
}

runUntilSignalled(`goliath-${name}`, async (config, logger) => {
  const eventStore = openEventStore(config);
  const readStore = openReadStore(config);
  const locks = openLocks(config);
  const counters = await openCounters(config);
  const dependencies = subgraphDependencies({
    eventStore,
    readStore,
    counters: counters.counters,
    config,
    logger,
    waitForReadModels: pollCheckpoints(readStore, READ_MODEL_NAMES, config.readYourWritesTimeoutMs),
    waitForAuditChain: pollCheckpoints(readStore, [AUDIT_CHAIN_PROJECTION], config.readYourWritesTimeoutMs),
  });
  const schema = await SUBGRAPHS[name].build(dependencies);
  const tokens = await createTokenVerifier(config, eventStore, logger);
  const server = await startSubgraphServer({
    name,
    schema,
    routes: SUBGRAPHS[name].routes?.(dependencies),
    host: config.host,
    port: config.subgraphPort ?? SUBGRAPHS[name].defaultPort,
    verifyToken: tokens.verifyToken,
    gatewayRequestKey: openGatewayRequestKey(config.keysDir),
    limits: config.queryLimits,
    errors: errorExposure(config),
    logger,
    health: checkpointHealth(config, eventStore, readStore),
    metrics: config.metrics,
    maxBodyBytes: uploadBodyLimitBytes(config.uploadMaxBytes),
  });
  const stopBackgroundWork = await startSubgraphWork(name, dependencies, locks);
  reportReady(server.url);
  return async () => {
    await server.stop();
    await stopBackgroundWork();
    await locks.close();
    await counters.close();
    await tokens.stop();
    await readStore.close();
    await eventStore.close();
  };
});
