import { startTracing } from '../platform/tracing/start-tracing';
import type { ProcessStarter } from './run-process';

/**
 * OTEL_EXPORTER_OTLP_ENDPOINT: the process's spans exported as `serviceName` while it runs, the
 * last ones flushed once it has stopped (or failed to start).
 */
export function withTracing(serviceName: string, start: ProcessStarter): ProcessStarter {
  return async (config, logger) => {
    const tracing = startTracing(serviceName, config.tracing, logger);
    try {
      const stop = await start(config, logger);
      return async () => {
        try {
          await stop();
        } finally {
          await tracing.shutdown();
        }
      };
    } catch (error) {
      await tracing.shutdown();
      throw error;
    }
  };
}
