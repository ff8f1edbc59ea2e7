import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { GatewayRequestKey } from '../auth/gateway-request-signature';
import type { VerifyToken } from '../auth/verified-token-cache';
import { bearerToken } from '../auth/platform-token';
import type { MetricsSettings, QueryLimits } from '../config';
import { httpUrl, listen } from '../http/listen';
import { healthCheck, type HealthCheck } from '../health/health-check';
import { healthRoutes } from '../health/health-routes';
import type { Logger } from '../logging';
import { metricsRoute } from '../metrics/metrics-route';
import { subgraphRequestMetrics } from '../metrics/request-metrics-plugin';
import { graphqlSpanPlugin } from '../tracing/graphql-span-plugin';
import { serverSpans } from '../tracing/server-span';
import { exposedOnly, type ErrorExposure } from './error-exposure';
import { formatSubgraphError } from './format-error';
import { gatewayOnly } from './gateway-only';
import { formatQueryLimitError, subgraphQueryLimits } from './query-limits';
import type { SubgraphContext } from './subgraph-context';

export interface SubgraphServerOptions {
  readonly name: string;
  readonly schema: GraphQLSchema;
  readonly host: string;
  readonly port: number;
  readonly verifyToken: VerifyToken;
  /** The key gateways sign their requests with (KEYS_DIR): the subgraph serves nothing else. */
  readonly gatewayRequestKey: GatewayRequestKey;
  /** The gateway's query limits, applied again (`subgraphQueryLimits`). */
  readonly limits: QueryLimits;
  /** Stack traces and "Did you mean" hints in error answers, as at the gateway (`errorExposure`). */
  readonly errors: ErrorExposure;
  readonly logger: Logger;
  /** Plain HTTP routes the subgraph serves beside /graphql (the SAML browser flow). */
  readonly routes?: express.Router;
  /** What `/health` and `/readyz` report (the process's stores and projections); that it answers, by default. */
  readonly health?: SubgraphHealth;
  /** Whether /metrics is served here, and to whom (METRICS_TOKEN, METRICS_PORT). */
  readonly metrics: MetricsSettings;
  /** The largest JSON body read (only gateways' signed requests reach the parser); JSON_BODY_LIMIT_BYTES by default. */
  readonly maxBodyBytes?: number;
}

export interface SubgraphHealth {
  readonly check: HealthCheck;
  /** Production: details for a platform-admin's token only. */
  readonly detailsNeedToken: boolean;
}

const ANSWERING: SubgraphHealth = { check: healthCheck({ stores: [], projections: async () => [], settings: { readyMaxLag: 0 } }), detailsNeedToken: true };

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

export const CORRELATION_HEADER = 'x-correlation-id';
/**
 * The address of the client that called the gateway. Only a key for sign-in throttling, never a
 * credential; the gateway's signature covers it, so no one else can set it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-goliath-client-address';
/** Names a SOC2 change approval; the gateway forwards it as the client sent it. */
export const CHANGE_APPROVAL_HEADER = 'goliath-change-approval';
/** The headers a gateway's signature covers besides method, path and body: all that a subgraph reads from a request. */
export const SIGNED_REQUEST_HEADERS = ['authorization', CORRELATION_HEADER, CLIENT_ADDRESS_HEADER, CHANGE_APPROVAL_HEADER] as const;

/**
 * Serves one subgraph over HTTP at `/graphql` to gateways of the platform only (their signature
 * on every request, `gatewayOnly`), verifying the platform token on every request and applying
 * the gateway's query limits again.
 */
export async function startSubgraphServer(options: SubgraphServerOptions): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const queryLimits = subgraphQueryLimits(options.limits);
  const formatLimitError = formatQueryLimitError(queryLimits.limits);
  const exposed = exposedOnly(options.errors);
  const apollo = new ApolloServer<SubgraphContext>({
    // The process owns shutdown (app/run-process.ts); Apollo's own signal handler would race it.
    stopOnTerminationSignals: false,
    schema: options.schema,
    validationRules: queryLimits.validationRules,
    parseOptions: { maxTokens: queryLimits.limits.maxTokens },
    // Nobody needs a subgraph's schema at run time: the gateway serves the checked-in supergraph.
    introspection: false,
    // Inline traces only feed Apollo's hosted usage reporting, which Goliath never sends.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled(), subgraphRequestMetrics(options.name), graphqlSpanPlugin()],
    includeStacktraceInErrorResponses: options.errors.stackTraces,
    formatError: (formatted, error) => exposed(formatSubgraphError(formatLimitError(formatted), error)),
    logger: options.logger,
  });
  await apollo.start();
  app.use(healthRoutes({ ...(options.health ?? ANSWERING), verifyToken: options.verifyToken, identity: { subgraph: options.name } }));
  app.use(metricsRoute(options.metrics));
  // Routes above this line answer anyone; everything below, only requests a gateway signed.
  app.use(gatewayOnly(options.gatewayRequestKey, SIGNED_REQUEST_HEADERS, options.logger, options.maxBodyBytes));
  if (options.routes) app.use(options.routes);
  app.use(
    '/graphql',
    serverSpans(options.name),
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
