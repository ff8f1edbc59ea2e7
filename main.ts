import { startMultiProcessPlatform, type MultiProcessPlatform } from './app/multi-process-platform';
import { runUntilSignalled } from './app/run-process';
import { issueDevelopmentToken } from './platform/auth/dev-token';
import type { PlatformConfig } from './platform/config';

/** `npm start`: the whole platform on its embedded defaults, one process per part (app/multi-process-platform.ts). */
runUntilSignalled('goliath', async (config, logger) => {
  const started = Date.now();
  const platform = await startMultiProcessPlatform(config, logger);
  process.stdout.write(
    [
      `Goliath is ready in ${Date.now() - started} ms`,
      `  GraphQL:       ${platform.gatewayUrl}`,
      `  Playground:    ${platform.playgroundUrl}`,
      `  Subscriptions: ${platform.subscriptionUrl}`,
      ...subgraphLines(platform),
      ...(await tokenLines(config)),
      '',
    ].join('\n'),
  );
  return platform.stop;
});

/** Where each child process answers (loopback; subgraphs serve only requests a gateway signed). */
function subgraphLines(platform: MultiProcessPlatform): string[] {
  return [
    `  Subgraphs:     ${Object.entries(platform.subgraphUrls)
      .map(([name, url]) => `${name} ${url}`)
      .join(', ')}`,
    `  Projections:   ${platform.projectionsHealthUrl}/health`,
  ];
}

/**
 * In development: where the signing keys are (so `npm run token` can be pointed at them) and a
 * PLATFORM_ADMIN token ready to paste. In production development tokens are refused: none is printed.
 */
async function tokenLines(config: PlatformConfig): Promise<string[]> {
  if (config.production) return [`  Sign in:       through a tenant's identity provider (development tokens are refused in production)`];
  const token = await issueDevelopmentToken({ role: 'PLATFORM_ADMIN', keysDir: config.keysDir });
  const { exp } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number };
  return [
    `  Keys:          ${config.keysDir}`,
    `  Token:         ${token}`,
    `                 (PLATFORM_ADMIN, development only, expires ${new Date(exp * 1000).toISOString()}; more with`,
    `                 KEYS_DIR=${config.keysDir} npm run -s token -- --role ROLE [--tenant ID] [--ttl 2h])`,
  ];
}
