import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type ExecutionArgs, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { canAccessTenant, type AuthContext } from '../../platform/auth/auth-context';
import type { QueryLimits } from '../../platform/config';
import type { EventStore } from '../../platform/eventstore/port';
import { badUserInput, forbidden, notFound, unauthenticated } from '../../platform/errors';
import type { Logger } from '../../platform/logging';
import { gatewayContext, type GatewayContext, type TokenVerifier } from '../gateway-context';
import { isTokenLimitError, queryLimitRules, tokenLimitError } from '../query-limits';
import type { GatewayRateLimiter } from '../rate-limits/gateway-rate-limiter';
import { rateLimitKeys } from '../rate-limits/rate-limit-keys';
import { rateLimited } from '../rate-limits/rate-limit-plugin';
import { solveJobProgress, solveJobTenant } from './solve-job-progress-source';
import { tenantEvents } from './tenant-events-source';

export interface SubscriptionServerOptions {
  readonly httpServer: Server;
  readonly path: string;
  /** The gateway's API schema, so WebSocket clients see exactly the schema HTTP clients see. */
  readonly schema: () => GraphQLSchema;
  readonly eventStore: EventStore;
  readonly verifyToken: TokenVerifier;
  readonly limits: QueryLimits;
  readonly rateLimiter: GatewayRateLimiter;
  readonly logger: Logger;
}

/**
 * graphql-ws on the gateway's own port: `@apollo/gateway` does not execute subscriptions, so
 * their root fields are resolved here from the event store. Authentication comes from
 * `connectionParams.Authorization`; the query limits of the HTTP path apply unchanged.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const webSocketServer = new WebSocketServer({ server: options.httpServer, path: options.path });
  const rules = queryLimitRules(options.limits);
  /** Each root subscription field, resolved from the event store after the caller's tenant is checked. */
  const sources: Record<string, (args: Record<string, string>, auth: AuthContext) => Promise<AsyncIterable<unknown>>> = {
    tenantEvents: async ({ tenantId }, auth) => {
      if (!canAccessTenant(auth, tenantId)) throw forbidden(`You may not follow tenant ${tenantId}.`);
      return tenantEvents(options.eventStore, tenantId);
    },
    solveJobProgress: async ({ jobId }, auth) => {
      const tenantId = await solveJobTenant(options.eventStore, jobId);
      if (!tenantId) throw notFound('Solve job', jobId);
      if (!canAccessTenant(auth, tenantId)) throw forbidden(`You may not follow solve job ${jobId}.`);
      return solveJobProgress(options.eventStore, jobId);
    },
  };
  const subscribeFieldResolver: GraphQLFieldResolver<unknown, GatewayContext, Record<string, string>> = (_root, args, context, info) => {
    const source = sources[info.fieldName];
    if (!source) throw badUserInput(`Subscription ${info.fieldName} is not served here.`);
    if (!context.auth) throw context.authError ?? unauthenticated();
    return source(args, context.auth);
  };

  const server = useServer<Record<string, unknown>, { context?: GatewayContext }>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const authorization = params.Authorization ?? params.authorization;
        ctx.extra.context = await gatewayContext(options.verifyToken, typeof authorization === 'string' ? authorization : undefined, undefined);
        return true;
      },
      onSubscribe: async (ctx, _id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        let document;
        try {
          document = parse(payload.query, { maxTokens: options.limits.maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError && isTokenLimitError(error.message)) return [tokenLimitError(options.limits)];
          throw error;
        }
        const schema = options.schema();
        const errors = validate(schema, document, [...specifiedRules, ...rules]);
        if (errors.length > 0) return errors;
        const operation = getOperationAST(document, payload.operationName);
        const auth = ctx.extra.context?.auth;
        if (auth && operation) {
          const refusal = await options.rateLimiter.consume(rateLimitKeys(auth, operation, document));
          if (refusal) return [rateLimited(refusal)];
        }
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: ctx.extra.context,
          subscribeFieldResolver,
        };
      },
      onError: (_ctx, _id, _payload, errors) => {
        options.logger.debug({ errors: errors.map((error) => error.message) }, 'subscription refused');
      },
    },
    webSocketServer,
  );
  return {
    close: async () => {
      await server.dispose();
      await new Promise<void>((resolve) => webSocketServer.close(() => resolve()));
    },
  };
}
