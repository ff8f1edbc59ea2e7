import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import type { JSONWebKeySet } from 'jose';
import { createServer } from 'node:http';
import type { GatewayRequestKey } from '../platform/auth/gateway-request-signature';
import { type ApiVersionSettings, type MetricsSettings, type QueryLimits, type RateLimitSettings, type SubgraphName, type SubscriptionSettings } from '../platform/config';
import type { EventStore } from '../platform/eventstore/port';
import type { HealthCheck } from '../platform/health/health-check';
import { healthRoutes } from '../platform/health/health-routes';
import { httpUrl, listen } from '../platform/http/listen';
import { exposedOnly, type ErrorExposure } from '../platform/graphql/error-exposure';
import { formatQueryLimitError, queryLimitRules } from '../platform/graphql/query-limits';
import { accessLogPlugin } from './access-log-plugin';
import { gatewayRequestMetrics } from '../platform/metrics/request-metrics-plugin';
import { metricsRoute } from '../platform/metrics/metrics-route';
import { graphqlSpanPlugin } from '../platform/tracing/graphql-span-plugin';
import { serverSpans } from '../platform/tracing/server-span';
import { CORRELATION_HEADER } from '../platform/graphql/subgraph-server';
import type { Logger } from '../platform/logging';
import { apiVersionPlugin } from './api-version/api-version-plugin';
import { authenticationPlugin } from './authentication-plugin';
import { dashboardRouter, defaultDashboardDistDir } from './dashboard/serve';
import { gatewayContext, type GatewayContext, type TokenVerifier } from './gateway-context';
import { graphqlJsonBody } from './graphql-body';
import { JWKS_PATH, jwksRoute } from './jwks-route';
import { operationResolutionPlugin } from './operation-resolution-plugin';
import { playgroundRouter } from './playground/serve';
import { signInProxy } from './sign-in-proxy';
import { createGatewayRateLimiter } from './rate-limits/gateway-rate-limiter';
import type { RateLimitCounterFactory } from './rate-limits/rate-limit-counter';
import { rateLimitPlugin } from './rate-limits/rate-limit-plugin';
import type { RequestContext } from './rest/execute-through-apollo';
import { restRouter } from './rest/rest-router';
import { SubgraphDataSource } from './subgraph-data-source';
import { replicaUrls } from './subgraph-replicas';
import { startSubscriptionServer } from './subscriptions/subscription-server';
import { openTrustedDocuments, type TrustedDocumentsOptions } from './trusted-documents/trusted-documents';

export interface GatewayOptions {
  readonly host: string;
  readonly port: number;
  readonly supergraphSdl: string;
  /** Where each subgraph answers; overrides the URLs recorded in the supergraph. */
  readonly subgraphUrls: Readonly<Partial<Record<SubgraphName, string>>>;
  readonly verifyToken: TokenVerifier;
  /** Signs every request to a subgraph, which serves nothing unsigned (KEYS_DIR's gateway-request key). */
  readonly gatewayRequestKey: GatewayRequestKey;
  /** The public signing keys served at /.well-known/jwks.json. */
  readonly publishedKeys: () => Promise<JSONWebKeySet>;
  /** Session revocations as they are learnt (app/token-verifier.ts), so open subscriptions end with their session. */
  readonly onSessionRevoked: (listener: (sessionId: string) => void) => () => void;
  /** The gateway reads the event store for subscriptions only. */
  readonly eventStore: EventStore;
  readonly limits: QueryLimits;
  readonly introspection: boolean;
  /** Buffers, lag and caps of WebSocket subscribers (SUBSCRIPTION_* settings). */
  readonly subscriptions: SubscriptionSettings;
  /** COMMUNITY_FORUM_ENABLED: whether communityActivity is served. */
  readonly communityForumEnabled: boolean;
  /** Stack traces and "Did you mean" hints in error answers (`errorExposure`). */
  readonly errors: ErrorExposure;
  readonly playgroundDistDir: string;
  /** The scaling dashboard's bundle (scripts/build-dashboard.mjs); dist/dashboard by default. */
  readonly dashboardDistDir?: string;
  readonly logger: Logger;
  /** What `/health` and `/readyz` report: the stores this process needs and the projections as it sees them. */
  readonly health: GatewayHealth;
  /** Defaults to RATE_LIMIT_* from the process environment, for callers that do not pass them. */
  readonly rateLimits: RateLimitSettings;
  /** Where rate-limit counts live; in this process unless a shared store is plugged in. */
  readonly rateLimitCounter?: RateLimitCounterFactory;
  /** Defaults to API_VERSION / API_SUPPORTED_VERSIONS from the process environment. */
  readonly apiVersions: ApiVersionSettings;
  /** TRUSTED_DOCUMENTS: which documents run (README, Trusted documents); any, with APQ, when absent. */
  readonly trustedDocuments?: TrustedDocumentsOptions;
  /** Whether /metrics is served here, and to whom (METRICS_TOKEN, METRICS_PORT). */
  readonly metrics: MetricsSettings;
  /** UPLOAD_MAX_BYTES: the largest file an upload operation carries; only its requests may exceed the usual body limit (./graphql-body.ts). */
  readonly uploadMaxBytes: number;
}

export interface GatewayHealth {
  readonly check: HealthCheck;
  /** Production: details for a platform-admin's token only. */
  readonly detailsNeedToken: boolean;
}

export interface RunningGateway {
  readonly url: string;
  readonly playgroundUrl: string;
  readonly subscriptionUrl: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** The edge: Apollo Gateway over HTTP, graphql-ws for subscriptions, the Playground and the scaling dashboard. */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SubgraphDataSource({ name, url: options.subgraphUrls[name as SubgraphName] ?? url ?? graphUrl(options.supergraphSdl, name as SubgraphName), requestKey: options.gatewayRequestKey }),
  });
  let apiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema }) => {
    apiSchema = schema;
  });
  const loadedSchema = () => {
    if (!apiSchema) throw new Error('The gateway schema is not loaded yet');
    return apiSchema;
  };

  // One set of budgets for HTTP and WebSocket operations alike.
  const rateLimiter = createGatewayRateLimiter(options.rateLimits, options.rateLimitCounter);
  const trustedDocuments = await openTrustedDocuments(options.trustedDocuments, { logger: options.logger, maxTokens: options.limits.maxTokens });
  const subscriptions = startSubscriptionServer({
    rateLimiter,
    admitDocument: trustedDocuments.admitSubscription,
    httpServer,
    path: '/graphql',
    schema: loadedSchema,
    eventStore: options.eventStore,
    verifyToken: options.verifyToken,
    onSessionRevoked: options.onSessionRevoked,
    limits: options.limits,
    introspection: options.introspection,
    errors: options.errors,
    settings: options.subscriptions,
    logger: options.logger,
    communityForumEnabled: options.communityForumEnabled,
  });

  const formatLimitError = formatQueryLimitError(options.limits);
  const exposed = exposedOnly(options.errors);
  const apollo = new ApolloServer<GatewayContext>({
    // The process owns shutdown (app/run-process.ts); Apollo's own signal handler would race it.
    stopOnTerminationSignals: false,
    gateway,
    introspection: options.introspection,
    validationRules: queryLimitRules(options.limits),
    parseOptions: { maxTokens: options.limits.maxTokens },
    persistedQueries: trustedDocuments.persistedQueries,
    includeStacktraceInErrorResponses: options.errors.stackTraces,
    formatError: (formatted) => exposed(formatLimitError(formatted)),
    logger: options.logger,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      accessLogPlugin(options.logger),
      gatewayRequestMetrics(),
      graphqlSpanPlugin(),
      // The version is checked first: with an unsupported version nothing else applies.
      apiVersionPlugin(options.apiVersions),
      operationResolutionPlugin(),
      trustedDocuments.plugin,
      authenticationPlugin(),
      rateLimitPlugin(rateLimiter),
      { serverWillStart: async () => ({ drainServer: () => subscriptions.close() }) },
    ],
  });
  await apollo.start();

  app.use(healthRoutes({ ...options.health, verifyToken: options.verifyToken }));
  app.use(metricsRoute(options.metrics));
  app.get(JWKS_PATH, jwksRoute(options.publishedKeys));
  app.use(playgroundRouter(options.playgroundDistDir));
  app.use(dashboardRouter(options.dashboardDistDir ?? defaultDashboardDistDir()));
  // The browser sign-in routes, a plain HTTP proxy, go to the first enterprise replica listed.
  const signIn = signInProxy(replicaUrls(options.subgraphUrls.enterprise ?? graphUrl(options.supergraphSdl, 'enterprise'))[0], options.gatewayRequestKey);
  app.use('/auth/saml', signIn);
  app.use('/oauth/token', signIn);
  const requestContext: RequestContext = ({ req }) => gatewayContext(options.verifyToken, req.header('authorization'), req.header(CORRELATION_HEADER), req.socket.remoteAddress);
  app.use(restRouter({ apollo, schema: loadedSchema, context: requestContext, version: String(options.apiVersions.current) }));
  app.use(
    '/graphql',
    graphqlJsonBody({ uploadMaxBytes: options.uploadMaxBytes, maxTokens: options.limits.maxTokens }),
    serverSpans('gateway'),
    expressMiddleware(apollo, { context: requestContext }),
  );

  const port = await listen(httpServer, options.port, options.host);
  const url = httpUrl(options.host, port, '/graphql');
  return {
    url,
    playgroundUrl: httpUrl(options.host, port, '/playground'),
    subscriptionUrl: url.replace(/^http/, 'ws'),
    port,
    stop: () => apollo.stop(),
  };
}

/** The URL the supergraph records for a subgraph, for when the process was given none. */
function graphUrl(supergraphSdl: string, name: SubgraphName): string {
  const match = new RegExp(`@join__graph\\(name: "${name}", url: "([^"]+)"\\)`).exec(supergraphSdl);
  if (!match) throw new Error(`The supergraph names no URL for subgraph ${name}`);
  return match[1];
}
