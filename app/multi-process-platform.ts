import { join } from 'node:path';
import { SUBGRAPH_NAMES, type PlatformConfig, type SubgraphName } from '../platform/config';
import type { Logger } from '../platform/logging';
import { startGatewayProcess } from './gateway-process';
import { SupervisedProcess } from './supervised-process';

export interface MultiProcessPlatform {
  readonly gatewayUrl: string;
  readonly playgroundUrl: string;
  readonly subscriptionUrl: string;
  /** Where each subgraph process answers on loopback (only to requests a gateway signed). */
  readonly subgraphUrls: Readonly<Record<SubgraphName, string>>;
  /** Where the projection process answers its health checks. */
  readonly projectionsHealthUrl: string;
  stop(): Promise<void>;
}

/**
 * `npm start`: the gateway in this process and, each in a child process of its own so they run
 * on other cores than the gateway's event loop, the four subgraphs (on free loopback ports) and
 * the projection runner, all over the same stores (the SQLite file by default). Children are
 * restarted when they die and stopped with this process. With METRICS_PORT set, the gateway serves
 * its metrics there and the children on the ports after it, on loopback: projections +1, then
 * the subgraphs in SUBGRAPH_NAMES order. Built files only: the children run
 * dist/app/start-subgraph.js and start-projections.js beside this file.
 */
export async function startMultiProcessPlatform(config: PlatformConfig, logger: Logger): Promise<MultiProcessPlatform> {
  const child = (name: string, script: string, args: string[], portVariable: string, metricsPortOffset: number) =>
    new SupervisedProcess({
      name,
      script: join(__dirname, script),
      args,
      logger,
      // Loopback only: the gateway is their one client; a restart keeps the port the gateway knows.
      // With METRICS_PORT, each child serves its metrics on the next ports (metricsPorts).
      env: (previousUrl) => ({
        ...process.env,
        HOST: '127.0.0.1',
        [portVariable]: previousUrl ? new URL(previousUrl).port : '0',
        METRICS_PORT: config.metrics.port === undefined ? '' : String(config.metrics.port + metricsPortOffset),
      }),
    });
  const projections = child('projections', 'start-projections.js', [], 'HEALTH_PORT', 1);
  const subgraphs = SUBGRAPH_NAMES.map((name, index) => child(name, 'start-subgraph.js', [name], 'SUBGRAPH_PORT', index + 2));
  const children = [projections, ...subgraphs];
  const stopChildren = async () => {
    await Promise.all(children.map((supervised) => supervised.stop()));
  };

  let projectionsHealthUrl = '';
  const subgraphUrls = {} as Record<SubgraphName, string>;
  try {
    // The children start once this process has opened the database (its schema created) and the keys.
    const gatewayProcess = await startGatewayProcess(config, logger, async () => {
      const [healthUrl, ...urls] = await Promise.all(children.map((supervised) => supervised.start()));
      projectionsHealthUrl = healthUrl;
      SUBGRAPH_NAMES.forEach((name, index) => (subgraphUrls[name] = urls[index]));
      return subgraphUrls;
    });
    const { gateway } = gatewayProcess;
    return {
      gatewayUrl: gateway.url,
      playgroundUrl: gateway.playgroundUrl,
      subscriptionUrl: gateway.subscriptionUrl,
      subgraphUrls,
      projectionsHealthUrl,
      // The children close their connections first, so this process's is the last to the SQLite
      // file and SQLite removes the WAL: connections closing at the same moment can each see the
      // other still open and all leave it behind.
      stop: () => gatewayProcess.stop(stopChildren),
    };
  } catch (error) {
    await stopChildren();
    throw error;
  }
}
