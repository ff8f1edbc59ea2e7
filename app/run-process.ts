import { loadConfig, type PlatformConfig } from '../platform/config';
import { createLogger, type Logger } from '../platform/logging';
import { CONFIG_VOCABULARY } from './config-vocabulary';
import { withMetricsPort } from './metrics-port';
import { withTracing } from './process-tracing';
import { stopWithParent } from './parent-channel';

/** Starts something and returns how to stop it: drain requests, close subscriptions and stores. */
export type ProcessStarter = (config: PlatformConfig, logger: Logger) => Promise<() => Promise<void>>;

/**
 * The shape of every Goliath process (`npm start` and the split entry points): start, then stop
 * once on SIGINT or SIGTERM (or when `npm start`'s supervisor goes away) and exit; a second
 * signal exits at once. A failed start exits 1.
 */
export function runUntilSignalled(name: string, start: ProcessStarter): void {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const config = loadConfig(process.env, CONFIG_VOCABULARY);
  const logger = createLogger(name, config.logLevel);
  withTracing(name, withMetricsPort(start))(config, logger).then(
    (stop) => {
      let stopping = false;
      const onSignal = (signal: NodeJS.Signals) => {
        if (stopping) process.exit(1);
        stopping = true;
        logger.info({ signal }, 'shutting down');
        stop().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      stopWithParent(() => onSignal('SIGTERM'));
    },
    (error: unknown) => {
      process.stderr.write(`${name} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
