import type { SubgraphName } from '../platform/config';
import type { PlatformConfig } from '../platform/config';
import type { Logger } from '../platform/logging';
import { startConfiguredGateway } from './gateway-settings';
import { checkpointHealth } from './process-health';
import { openEventStore, openReadStore } from './stores';
import { createTokenVerifier } from './token-verifier';
import { openCounters, type SharedCounters } from './coordination';

export interface GatewayProcess {
  readonly gateway: Awaited<ReturnType<typeof startConfiguredGateway>>;
  /** Stops serving, runs `beforeClosingStores` (npm start stops its children there), then closes the stores. */
  stop(beforeClosingStores?: () => Promise<void>): Promise<void>;
}

/**
 * A gateway in a process of its own (`npm run start:gateway`, and `npm start`'s main process):
 * opens the stores (subscriptions and health read them) and the signing keys, then asks
 * `subgraphUrls` where the subgraphs answer (`npm start` starts them at that point, once the
 * database and keys exist), then serves.
 */
export async function startGatewayProcess(
  config: PlatformConfig,
  logger: Logger,
  subgraphUrls: () => Promise<Readonly<Partial<Record<SubgraphName, string>>>>,
): Promise<GatewayProcess> {
  const eventStore = openEventStore(config);
  // Read only for health: the projections' checkpoints and dead letters.
  const readStore = openReadStore(config);
  let counters: SharedCounters | undefined;
  const closeStores = async () => {
    await counters?.close();
    await readStore.close();
    await eventStore.close();
  };
  try {
    // Rate limits count in the database when gateways share one, so two gateways give no one twice the budget.
    counters = await openCounters(config);
    const tokens = await createTokenVerifier(config, eventStore, logger);
    try {
      const gateway = await startConfiguredGateway(config, {
        subgraphUrls: await subgraphUrls(),
        verifyToken: tokens.verifyToken,
        publishedKeys: tokens.publishedKeys,
        onSessionRevoked: tokens.onSessionRevoked,
        eventStore,
        logger,
        health: checkpointHealth(config, eventStore, readStore),
        rateLimitCounter: counters.counters,
      });
      return {
        gateway,
        stop: async (beforeClosingStores) => {
          await gateway.stop();
          await tokens.stop();
          await beforeClosingStores?.();
          await closeStores();
        },
      };
    } catch (error) {
      await tokens.stop();
      throw error;
    }
  } catch (error) {
    await closeStores();
    throw error;
  }
}
