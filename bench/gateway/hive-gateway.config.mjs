// Hive Gateway's configuration for `npm run bench:gateway` (the anchor): it forwards the caller's
// `authorization` header and nothing else. Goliath's subgraphs serve only requests a gateway of
// the platform signed (platform/graphql/gateway-only.ts), so the one plugin signs each subgraph
// request as Goliath's gateway does, with the same key and code (GOLIATH_KEYS_DIR, from dist/).
import { defineConfig } from '@graphql-hive/gateway';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const dist = join(process.env.GOLIATH_DIST_DIR, 'platform');
const { openGatewayRequestKey, withGatewaySignature } = require(join(dist, 'auth', 'gateway-request-signature.js'));
const { SIGNED_REQUEST_HEADERS } = require(join(dist, 'graphql', 'subgraph-server.js'));
const key = openGatewayRequestKey(process.env.GOLIATH_KEYS_DIR);

export const gatewayConfig = defineConfig({
  logging: 'error',
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get('authorization') ?? undefined }),
  },
  plugins: () => [
    {
      onFetch({ url, options, setOptions }) {
        const headers = Object.fromEntries(new Headers(options.headers).entries());
        setOptions({ ...options, headers: withGatewaySignature(key, { method: options.method ?? 'POST', url, headers, body: options.body }, SIGNED_REQUEST_HEADERS) });
      },
    },
  ],
});
