import { startEmbeddedPlatform } from './app/embedded';
import { stopOnSignals } from './app/shutdown';
import { createLogger } from './platform/logging';

/** `npm start`: the whole platform in one process on its embedded defaults. */
async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const logger = createLogger('goliath');
  const started = Date.now();
  const platform = await startEmbeddedPlatform();
  stopOnSignals(platform.stop, logger);
  process.stdout.write(
    [
      `Goliath is ready in ${Date.now() - started} ms`,
      `  GraphQL:       ${platform.gatewayUrl}`,
      `  Playground:    ${platform.playgroundUrl}`,
      `  Subscriptions: ${platform.subscriptionUrl}`,
      `  Token:         npm run -s token -- --role platform-admin`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Goliath failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
