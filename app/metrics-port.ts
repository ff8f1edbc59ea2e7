import { startMetricsServer } from '../platform/metrics/metrics-server';
import type { ProcessStarter } from './run-process';

/** METRICS_PORT: the process's /metrics on a port of its own, listening before the rest starts and closed after it stopped. */
export function withMetricsPort(start: ProcessStarter): ProcessStarter {
  return async (config, logger) => {
    if (config.metrics.port === undefined) return start(config, logger);
    const metrics = await startMetricsServer(config.host, config.metrics.port, config.metrics);
    logger.info({ metrics: metrics.url }, 'metrics listening');
    try {
      const stop = await start(config, logger);
      return async () => {
        await stop();
        await metrics.stop();
      };
    } catch (error) {
      await metrics.stop();
      throw error;
    }
  };
}
