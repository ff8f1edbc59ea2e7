import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AuthContext } from '../auth/auth-context';
import { bearerToken } from '../auth/platform-token';
import { httpUrl, listen } from '../http/listen';
import type { Logger } from '../logging';
import { formatSubgraphError } from './format-error';
import type { SubgraphContext } from './subgraph-context';

export interface SubgraphServerOptions {
  readonly name: string;
  readonly schema: GraphQLSchema;
  readonly host: string;
  readonly port: number;
  readonly verifyToken: VerifyToken;
  readonly logger: Logger;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export const CORRELATION_HEADER = 'x-correlation-id';

export type VerifyToken = (token: string) => Promise<AuthContext>;

/**
 * Wraps a token verifier so that a token this process has already verified is not verified
 * again (an ES256 signature check per request was the largest single cost of a gateway call,
 * paid once at the gateway and again at every subgraph it reaches). Only successes are kept,
 * keyed by the whole token string, and only while the token is unexpired by the verifier's own
 * rule (valid while now < exp, in whole seconds); past that the verifier runs again and refuses
 * it as before. Entries are dropped oldest first beyond `maxEntries`.
 */
export function rememberVerifiedTokens(verify: VerifyToken, maxEntries = 10_000): VerifyToken {
  const verified = new Map<string, { readonly auth: AuthContext; readonly expiresAt: number }>();
  return async (token) => {
    const known = verified.get(token);
    if (known && Math.floor(Date.now() / 1000) < known.expiresAt) return known.auth;
    verified.delete(token);
    const auth = Object.freeze(await verify(token));
    const expiresAt = expiryOf(token);
    if (expiresAt !== undefined) {
      if (verified.size >= maxEntries) verified.delete(verified.keys().next().value!);
      verified.set(token, { auth, expiresAt });
    }
    return auth;
  };
}

/** The `exp` claim (seconds) of a JWT that has just been verified; undefined if it has none. */
function expiryOf(token: string): number | undefined {
  try {
    const exp: unknown = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp : undefined;
  } catch {
    return undefined;
  }
}

/** Serves one subgraph over HTTP at `/graphql`, verifying the platform token on every request. */
export async function startSubgraphServer(options: SubgraphServerOptions): Promise<RunningServer> {
  const app = express();
  const httpServer = createServer(app);
  const verifyToken = rememberVerifiedTokens(options.verifyToken);
  const apollo = new ApolloServer<SubgraphContext>({
    schema: options.schema,
    // Inline traces only feed Apollo's hosted usage reporting, which Goliath never sends.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    formatError: formatSubgraphError,
    logger: options.logger,
  });
  await apollo.start();
  app.get('/health', (_request, response) => {
    response.json({ subgraph: options.name, status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '5mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const correlationId = req.header(CORRELATION_HEADER) ?? randomUUID();
        const requestId = randomUUID();
        try {
          const token = bearerToken(req.header('authorization'));
          return { auth: token ? await verifyToken(token) : undefined, correlationId, requestId };
        } catch (error) {
          if (error instanceof GraphQLError) return { authError: error, correlationId, requestId };
          throw error;
        }
      },
    }),
  );
  const port = await listen(httpServer, options.port, options.host);
  const url = httpUrl(options.host, port, '/graphql');
  options.logger.info({ subgraph: options.name, url }, 'subgraph listening');
  return { url, port, stop: () => apollo.stop() };
}
