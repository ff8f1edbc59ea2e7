import 'reflect-metadata';
import { openGatewayRequestKey } from '../platform/auth/gateway-request-signature';
import { loadConfig, SUBGRAPH_NAMES, type SubgraphName } from '../platform/config';
import { startSubgraphServer } from '../platform/graphql/subgraph-server';
import { uploadBodyLimitBytes } from '../platform/http/body-limits';
import { createLogger } from '../platform/logging';
import { AUDIT_CHAIN_PROJECTION, READ_MODEL_NAMES, runnerProjections } from '../projections';
import { ProjectionRunner } from '../projections/runner';
import { CONFIG_VOCABULARY } from './config-vocabulary';
import { startConfiguredGateway } from './gateway-settings';
import { runnerHealth } from './process-health';
import { projectionViews } from '../platform/metrics/metrics';
import { waitForProjections } from './read-your-writes';
import { openEventStore, openReadStore } from './stores';
import { UPCASTER_REGISTRY } from './event-upcasters';
import { SUBGRAPHS } from './subgraph-catalog';
import { openCounters, openLocks } from './coordination';
import { startSubgraphWork } from './subgraph-work';
import { subgraphDependencies } from './subgraph-dependencies';
import { createTokenVerifier } from './token-verifier';
import { errorExposure } from '../platform/graphql/error-exposure';

export interface EmbeddedPlatformOptions {
  /** Gateway port; 0 picks a free one. Defaults to PORT or 4000. */
  readonly port?: number;
  readonly host?: string;
  /** Where the SQLite file and the signing key live. Defaults to DATA_DIR or ./data. */
  readonly dataDir?: string;
  readonly logLevel?: string;
  /** Settings that override the process environment (see the README's configuration table). */
  readonly env?: NodeJS.ProcessEnv;
  /** The subgraphs' clock port (scaling schedules, leases, expiries); real time by default, moved by tests. */
  readonly clock?: () => Date;
}

export interface EmbeddedPlatform {
  readonly gatewayUrl: string;
  readonly playgroundUrl: string;
  readonly subscriptionUrl: string;
  readonly keysDir: string;
  /** NODE_ENV=production: development tokens are refused, so none is offered. */
  readonly production: boolean;
  /** Where each subgraph answers on loopback; it serves only requests the gateway signed (benchmarks and tests sign theirs). */
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  stop(): Promise<void>;
}

/**
 * `npm start`: the four subgraphs on free loopback ports, the projection runner and the
 * gateway, in one process over one SQLite file (or EventStoreDB/MongoDB when configured).
 */
export async function startEmbeddedPlatform(options: EmbeddedPlatformOptions = {}): Promise<EmbeddedPlatform> {
  const config = loadConfig(
    {
      ...process.env,
      ...(options.dataDir !== undefined && { DATA_DIR: options.dataDir }),
      ...(options.port !== undefined && { PORT: String(options.port) }),
      ...(options.host !== undefined && { HOST: options.host }),
      ...options.env,
    },
    CONFIG_VOCABULARY,
  );
  const logger = createLogger('goliath', options.logLevel ?? config.logLevel);
  const eventStore = openEventStore(config);
  const readStore = openReadStore(config);
  const runner = new ProjectionRunner({
    eventStore,
    readStore,
    projections: runnerProjections(eventStore),
    upcasters: UPCASTER_REGISTRY,
    logger,
    retry: { maxDelayMs: config.health.projectionRetryMaxDelayMs },
  });
  const health = runnerHealth(config, eventStore, readStore, runner);
  const unobserveProjections = projectionViews.add(() => runner.health());
  // What to stop, in the order it was started; stopped in reverse.
  const started: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of started.reverse()) await stop();
    unobserveProjections();
    await runner.stop();
    await readStore.close();
    await eventStore.close();
  };
  try {
    await runner.start();
    const locks = openLocks(config);
    started.push(() => locks.close());
    const counters = await openCounters(config);
    started.push(() => counters.close());
    const tokens = await createTokenVerifier(config, eventStore, logger);
    started.push(() => tokens.stop());
    const { verifyToken } = tokens;
    const dependencies = subgraphDependencies({
      eventStore,
      readStore,
      counters: counters.counters,
      config,
      logger,
      waitForReadModels: waitForProjections(runner, READ_MODEL_NAMES, config.readYourWritesTimeoutMs),
      waitForAuditChain: waitForProjections(runner, [AUDIT_CHAIN_PROJECTION], config.readYourWritesTimeoutMs),
      clock: options.clock,
    });
    const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
    const gatewayRequestKey = openGatewayRequestKey(config.keysDir);
    for (const name of SUBGRAPH_NAMES) {
      const schema = await SUBGRAPHS[name].build(dependencies);
      const server = await startSubgraphServer({
        name,
        schema,
        host: '127.0.0.1',
        port: 0,
        verifyToken,
        gatewayRequestKey,
        limits: config.queryLimits,
        errors: errorExposure(config),
        logger,
        routes: SUBGRAPHS[name].routes?.(dependencies),
        health,
        metrics: config.metrics,
        maxBodyBytes: uploadBodyLimitBytes(config.uploadMaxBytes),
      });
      started.push(() => server.stop());
      subgraphUrls[name] = server.url;
      started.push(await startSubgraphWork(name, dependencies, locks));
    }
    const gateway = await startConfiguredGateway(config, {
      subgraphUrls,
      verifyToken,
      publishedKeys: tokens.publishedKeys,
      onSessionRevoked: tokens.onSessionRevoked,
      eventStore,
      logger,
      health,
      rateLimitCounter: counters.counters,
    });
    started.push(() => gateway.stop());
    return {
      gatewayUrl: gateway.url,
      playgroundUrl: gateway.playgroundUrl,
      subscriptionUrl: gateway.subscriptionUrl,
      keysDir: config.keysDir,
      production: config.production,
      subgraphUrls: { ...subgraphUrls } as Record<SubgraphName, string>,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
