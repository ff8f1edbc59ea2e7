import { startEmbeddedPlatform, type EmbeddedPlatform } from './app/embedded';
import { runUntilSignalled } from './app/run-process';
import { issueDevelopmentToken } from './platform/auth/dev-token';

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
      ...(await tokenLines(platform)),
      '',
    ].join('\n'),
  );
  return platform.stop;
});

/**
 * In development: where the signing keys are (so `npm run token` can be pointed at them) and a
 * PLATFORM_ADMIN token ready to paste. In production development tokens are refused: none is printed.
 */
async function tokenLines(platform: EmbeddedPlatform): Promise<string[]> {
  if (platform.production) return [`  Sign in:       through a tenant's identity provider (development tokens are refused in production)`];
  const token = await issueDevelopmentToken({ role: 'PLATFORM_ADMIN', keysDir: platform.keysDir });
  const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
  return [
    `  Keys:          ${platform.keysDir}`,
    `  Token:         ${token}`,
    `                 (PLATFORM_ADMIN, development only, expires ${new Date(exp * 1000).toISOString()}; more with`,
    `                 KEYS_DIR=${platform.keysDir} npm run -s token -- --role ROLE [--tenant ID] [--ttl 2h])`,
  ];
}

