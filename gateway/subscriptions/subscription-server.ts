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
import { isTokenLimitError, queryLimitRules, tokenLimitError } from '../../platform/graphql/query-limits';
import type { GatewayRateLimiter } from '../rate-limits/gateway-rate-limiter';
import { rateLimited } from '../rate-limits/rate-limit-plugin';
import { solveJobProgress, solveJobTenant } from './solve-job-progress-source';
import { canReadEvent } from './stream-visibility';
import { SUBSCRIPTION_PERMISSIONS, subscriptionRefusal, type SubscriptionPermissionTable } from './subscription-permissions';
import { tenantEvents } from './tenant-events-source';
import { TokenLifetimes, type OnSessionRevoked } from './token-lifetimes';
import { untilAborted } from './until-aborted';

export interface SubscriptionServerOptions {
  readonly httpServer: Server;
  readonly path: string;
  /** The gateway's API schema, so WebSocket clients see exactly the schema HTTP clients see. */
  readonly schema: () => GraphQLSchema;
  readonly eventStore: EventStore;
  readonly verifyToken: TokenVerifier;
  /** Session revocations as the process learns them, so that a revoked session's open subscriptions end. */
  readonly onSessionRevoked: OnSessionRevoked;
  /** Who may open which subscription; SUBSCRIPTION_PERMISSIONS unless a test passes its own. */
  readonly permissions?: SubscriptionPermissionTable;
  readonly limits: QueryLimits;
  readonly rateLimiter: GatewayRateLimiter;
  readonly logger: Logger;
}

/** Opens a field's stream once its checks passed; `signal` ends it (the token ended, or the client left). */
type OpenSource = (signal: AbortSignal) => AsyncIterable<unknown>;

/**
 * graphql-ws on the gateway's own port: `@apollo/gateway` does not execute subscriptions, so
 * their root fields are resolved here from the event store. Authentication comes from
 * `connectionParams.Authorization` and is checked again for every operation; the query limits
 * and rate limits of the HTTP path apply unchanged. Each subscription must have a row in the
 * permission table for one of the caller's roles, stays inside the caller's tenant, and ends
 * when its token does (session revoked, or `exp` passed).
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const webSocketServer = new WebSocketServer({ server: options.httpServer, path: options.path });
  const rules = queryLimitRules(options.limits);
  const permissions = options.permissions ?? SUBSCRIPTION_PERMISSIONS;
  const lifetimes = new TokenLifetimes(options.onSessionRevoked);
  /** Each root subscription field: checks the caller's tenant, then answers how to open its stream. */
  const sources: Record<string, (args: Record<string, string>, auth: AuthContext) => Promise<OpenSource>> = {
    tenantEvents: async ({ tenantId }, auth) => {
      if (!canAccessTenant(auth, tenantId)) throw forbidden(`You may not follow tenant ${tenantId}.`);
      return (signal) => tenantEvents(options.eventStore, { tenantId, canRead: (event) => canReadEvent(auth, event), signal });
    },
    solveJobProgress: async ({ jobId }, auth) => {
      const tenantId = await solveJobTenant(options.eventStore, jobId);
      if (!tenantId) throw notFound('Solve job', jobId);
      if (!canAccessTenant(auth, tenantId)) throw forbidden(`You may not follow solve job ${jobId}.`);
      return (signal) => solveJobProgress(options.eventStore, jobId, signal);
    },
  };
  const subscribeFieldResolver: GraphQLFieldResolver<unknown, GatewayContext, Record<string, string>> = async (_root, args, context, info) => {
    if (!context.auth || !context.token) throw context.authError ?? unauthenticated();
    const refusal = subscriptionRefusal(context.auth, info.fieldName, permissions);
    if (refusal) throw refusal;
    const source = sources[info.fieldName];
    if (!source) throw badUserInput(`Subscription ${info.fieldName} is not served here.`);
    const lifetime = lifetimes.track(context.auth, context.token);
    try {
      // Verified again once the revocation watch is on, so a revocation that arrived since the
      // operation started is refused here rather than missed by both checks.
      await options.verifyToken(context.token);
      return untilAborted(await source(args, context.auth), lifetime.signal, lifetime.release);
    } catch (error) {
      lifetime.release();
      throw error;
    }
  };

  /** The connection's context with its token verified again: it may have expired, or its session been revoked, since the socket opened. */
  const reverified = async (context: GatewayContext | undefined): Promise<GatewayContext | undefined> => {
    if (!context?.auth || !context.token) return context;
    try {
      return { ...context, auth: await options.verifyToken(context.token) };
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      const { auth: _refused, ...rest } = context;
      return { ...rest, authError: error };
    }
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
        const context = await reverified(ctx.extra.context);
        const auth = context?.auth;
        if (auth && operation) {
          const refusal = await options.rateLimiter.chargeOperation(auth, operation, document, payload.variables ?? {});
          if (refusal) return [rateLimited(refusal)];
        }
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue: context,
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
      lifetimes.close();
      await server.dispose();
      await new Promise<void>((resolve) => webSocketServer.close(() => resolve()));
    },
  };
}
