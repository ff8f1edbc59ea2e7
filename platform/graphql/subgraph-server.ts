import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { VerifyToken } from '../auth/verified-token-cache';
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
  /** Plain HTTP routes the subgraph serves beside /graphql (the SAML browser flow). */
  readonly routes?: express.Router;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export const CORRELATION_HEADER = 'x-correlation-id';
/**
 * The address of the client that called the gateway. Only a key for sign-in throttling, never a
 * credential, so a subgraph may take it from its caller (the gateway, on the internal network).
 */
export const CLIENT_ADDRESS_HEADER = 'x-goliath-client-address';
/** Names a SOC2 change approval; the gateway forwards it as the client sent it. */
export const CHANGE_APPROVAL_HEADER = 'goliath-change-approval';

/** Serves one subgraph over HTTP at `/graphql`, verifying the platform token on every request. */
export async function startSubgraphServer(options: SubgraphServerOptions): Promise<RunningServer> {
  const app = express();
  const httpServer = createServer(app);
  const apollo = new ApolloServer<SubgraphContext>({
    // The process owns shutdown (app/run-process.ts); Apollo's own signal handler would race it.
    stopOnTerminationSignals: false,
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
  if (options.routes) app.use(options.routes);
  app.use(
    '/graphql',
    express.json({ limit: '5mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const correlationId = req.header(CORRELATION_HEADER) ?? randomUUID();
        const requestId = randomUUID();
        const clientAddress = req.header(CLIENT_ADDRESS_HEADER) ?? req.socket.remoteAddress;
        const changeApprovalId = req.header(CHANGE_APPROVAL_HEADER) || undefined;
        try {
          const token = bearerToken(req.header('authorization'));
          return { auth: token ? await options.verifyToken(token) : undefined, correlationId, requestId, clientAddress, changeApprovalId };
        } catch (error) {
          if (error instanceof GraphQLError) return { authError: error, correlationId, requestId, clientAddress, changeApprovalId };
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
