import { startEmbeddedPlatform } from './app/embedded';
import { runUntilSignalled } from './app/run-process';

/** `npm start`: the whole platform in one process on its embedded defaults. */
runUntilSignalled('goliath', async () => {
  const started = Date.now();
  const platform = await startEmbeddedPlatform();
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
  return platform.stop;
});
