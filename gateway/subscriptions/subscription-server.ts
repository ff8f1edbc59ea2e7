import {
  getOperationAST,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type GraphQLFieldResolver,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { canAccessTenant, type AuthContext } from '../../platform/auth/auth-context';
import type { QueryLimits, SubscriptionSettings } from '../../platform/config';
import type { EventStore } from '../../platform/eventstore/port';
import { badUserInput, ErrorCode, forbidden, notFound, platformError, unauthenticated } from '../../platform/errors';
import { exposedOnly, type ErrorExposure } from '../../platform/graphql/error-exposure';
import type { Logger } from '../../platform/logging';
import { gatewayContext, type GatewayContext, type TokenVerifier } from '../gateway-context';
import { isTokenLimitError, queryLimitRules, tokenLimitError } from '../../platform/graphql/query-limits';
import type { GatewayRateLimiter } from '../rate-limits/gateway-rate-limiter';
import { rateLimited } from '../rate-limits/rate-limit-plugin';
import { solveJobProgress, solveJobTenant } from './solve-job-progress-source';
import { canReadEvent } from './stream-visibility';
import type { SubscriberPace } from './subscriber-pace';
import { SUBSCRIPTION_PERMISSIONS, subscriptionRefusal, type SubscriptionPermissionTable } from './subscription-permissions';
import { tenantEvents } from './tenant-events-source';
import { openCommunityActivity } from './community-activity-source';
import { CONSTRAINT_EVOLUTION_FEED_TYPES, SCALING_FEED_TYPES } from '../../schema/events';
import { TokenLifetimes, type OnSessionRevoked } from './token-lifetimes';
import { untilAborted } from './until-aborted';
import type { SubscribePayload } from '../trusted-documents/trusted-documents';
import { subscriptionOpened } from '../../platform/metrics/open-subscriptions';

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
  /** False in production: introspection is refused here as over HTTP. */
  readonly introspection: boolean;
  /** What an error may show ("Did you mean" hints, stack traces), as over HTTP. */
  readonly errors: ErrorExposure;
  readonly settings: SubscriptionSettings;
  readonly rateLimiter: GatewayRateLimiter;
  readonly logger: Logger;
  /** COMMUNITY_FORUM_ENABLED: false makes communityActivity answer FEATURE_DISABLED, as the forums do; on when absent. */
  readonly communityForumEnabled?: boolean;
  /** TRUSTED_DOCUMENTS: the text a subscribe message runs (a registered one's, when it sent only its hash), or the refusal; any text when absent. */
  readonly admitDocument?: (payload: SubscribePayload, connectionParams: Readonly<Record<string, unknown>> | undefined) => Promise<string | GraphQLError>;
}

/** Opens a field's stream once its checks passed; `signal` ends it (the token ended, or the client left). */
type OpenSource = (signal: AbortSignal) => AsyncIterable<unknown>;

/** The context of one operation: the connection's, verified again, and whether its socket is still open. */
interface SubscriptionContext extends GatewayContext {
  readonly connected: () => boolean;
}

/**
 * What the server keeps on each socket: its caller's verified context, and under which caller it
 * is counted. A type alias, not an interface: graphql-ws wants a Record, which only an alias satisfies.
 */
type ConnectionState = {
  context?: GatewayContext;
  caller?: string;
};

/**
 * graphql-ws on the gateway's own port: `@apollo/gateway` does not execute subscriptions, so
 * their root fields are resolved here from the event store. Authentication comes from
 * `connectionParams.Authorization` and is checked again for every operation; the query limits
 * and rate limits of the HTTP path apply unchanged. Each subscription must have a row in the
 * permission table for one of the caller's roles, stays inside the caller's tenant, and ends
 * when its token does (session revoked, or `exp` passed).
 *
 * Refused at `connection_init`, so an anonymous socket never runs anything: no valid token
 * (closed 4401), or a caller with `connectionsPerCaller` sockets open already (closed 4403,
 * TOO_MANY_CONNECTIONS). Refused per operation: anything but a subscription (queries and
 * mutations go over HTTP), introspection when it is off, more than `perConnection` operations
 * on one socket. Each subscriber reads the store at its own pace (subscriber-pace.ts).
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): { close(): Promise<void> } {
  const webSocketServer = new WebSocketServer({ server: options.httpServer, path: options.path });
  const rules = [...specifiedRules, ...queryLimitRules(options.limits), ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  const connections = new ConnectionsPerCaller(options.settings.connectionsPerCaller);
  const paceOf = (context: SubscriptionContext): SubscriberPace => ({
    bufferSize: options.settings.bufferSize,
    maxLagMs: options.settings.maxLagMs,
    connected: context.connected,
  });
  const permissions = options.permissions ?? SUBSCRIPTION_PERMISSIONS;
  const lifetimes = new TokenLifetimes(options.onSessionRevoked);
  const exposed = exposedOnly(options.errors);
  /** Each root subscription field: checks the caller's tenant, then answers how to open its stream. */
  const sources: Record<string, (args: Record<string, string>, auth: AuthContext, pace: SubscriberPace) => Promise<OpenSource>> = {
    tenantEvents: async ({ tenantId }, auth, pace) => {
      if (!canAccessTenant(auth, tenantId)) throw forbidden(`You may not follow tenant ${tenantId}.`);
      return (signal) => tenantEvents(options.eventStore, { tenantId, canRead: (event) => canReadEvent(auth, event), signal, pace });
    },
    constraintEvolutions: async ({ tenantId }, auth, pace) => {
      if (!canAccessTenant(auth, tenantId)) throw forbidden(`You may not follow tenant ${tenantId}.`);
      const canRead = (event: Parameters<typeof canReadEvent>[1]) => canReadEvent(auth, event);
      return (signal) => tenantEvents(options.eventStore, { tenantId, eventTypes: CONSTRAINT_EVOLUTION_FEED_TYPES, canRead, signal, pace }, 'constraintEvolutions');
    },
    scalingEvents: async ({ tenantId }, auth, pace) => {
      if (!canAccessTenant(auth, tenantId)) throw forbidden(`You may not follow tenant ${tenantId}.`);
      const canRead = (event: Parameters<typeof canReadEvent>[1]) => canReadEvent(auth, event);
      return (signal) => tenantEvents(options.eventStore, { tenantId, eventTypes: SCALING_FEED_TYPES, canRead, signal, pace }, 'scalingEvents');
    },
    // Shared content: every signed-in user follows any forum or listing, whatever their tenant.
    communityActivity: async ({ forumId, algorithmId }, auth, pace) => {
      if (options.communityForumEnabled === false) throw platformError(ErrorCode.FeatureDisabled, 'Community forums are switched off on this platform (COMMUNITY_FORUM_ENABLED=false); ask its operators to enable them.', { feature: 'COMMUNITY_FORUM' });
      const open = await openCommunityActivity(options.eventStore, { forumId: forumId ?? undefined, algorithmId: algorithmId ?? undefined, auth });
      return (signal) => open(signal, pace);
    },
    solveJobProgress: async ({ jobId }, auth, pace) => {
      const tenantId = await solveJobTenant(options.eventStore, jobId);
      if (!tenantId) throw notFound('Solve job', jobId);
      if (!canAccessTenant(auth, tenantId)) throw forbidden(`You may not follow solve job ${jobId}.`);
      return (signal) => solveJobProgress(options.eventStore, { jobId, tenantId }, signal, pace);
    },
  };
  const subscribeFieldResolver: GraphQLFieldResolver<unknown, SubscriptionContext, Record<string, string>> = async (_root, args, context, info) => {
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
      return untilAborted(await source(args, context.auth, paceOf(context)), lifetime.signal, subscriptionOpened(info.fieldName, lifetime.release));
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

  const server = useServer<Record<string, unknown>, ConnectionState>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const { socket } = ctx.extra;
        const params = ctx.connectionParams ?? {};
        const authorization = params.Authorization ?? params.authorization;
        const context = await gatewayContext(options.verifyToken, typeof authorization === 'string' ? authorization : undefined, undefined);
        // Gone while its token was checked: nothing to count, nothing to acknowledge.
        if (socket.readyState !== socket.OPEN) return false;
        if (!context.auth) {
          socket.close(CloseCode.Unauthorized, closeReason(context.authError ?? unauthenticated('Send "Authorization: Bearer <platform token>" in connectionParams.')));
          return false;
        }
        const caller = callerOf(context.auth);
        if (!connections.open(caller)) {
          socket.close(CloseCode.Forbidden, closeReason(tooManyConnections(options.settings.connectionsPerCaller)));
          return false;
        }
        ctx.extra.caller = caller;
        ctx.extra.context = context;
        return true;
      },
      onClose: (ctx) => {
        if (ctx.extra.caller) connections.close(ctx.extra.caller);
        ctx.extra.caller = undefined;
      },
      onSubscribe: async (ctx, _id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> => {
        const query = options.admitDocument ? await options.admitDocument(payload, ctx.connectionParams) : payload.query;
        if (query instanceof GraphQLError) return [query];
        let document;
        try {
          document = parse(query, { maxTokens: options.limits.maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError && isTokenLimitError(error.message)) return [tokenLimitError(options.limits)];
          throw error;
        }
        const schema = options.schema();
        const errors = validate(schema, document, rules);
        if (errors.length > 0) return errors.map(asValidationFailure);
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== 'subscription') {
          return [badUserInput('Only subscriptions are served over the WebSocket (one per message, named by operationName when the document has several); send queries and mutations to POST /graphql.')];
        }
        const context = await reverified(ctx.extra.context);
        // Every operation is charged to a verified caller; one whose token ended since it connected runs nothing.
        if (!context?.auth) return [context?.authError ?? unauthenticated()];
        // graphql-ws lists this operation among the socket's before it calls onSubscribe.
        if (Object.keys(ctx.subscriptions).length > options.settings.perConnection) return [tooManySubscriptions(options.settings.perConnection)];
        const refusal = await options.rateLimiter.chargeOperation(context.auth, operation, document, payload.variables ?? {});
        if (refusal) return [rateLimited(refusal)];
        const { socket } = ctx.extra;
        const contextValue: SubscriptionContext = { ...context, connected: () => socket.readyState === socket.OPEN };
        return {
          schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue,
          subscribeFieldResolver,
        };
      },
      onError: (_ctx, _id, _payload, errors) => {
        options.logger.debug({ errors: errors.map((error) => error.message) }, 'subscription refused');
        return errors.map((error) => exposed(error.toJSON()));
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

/** Open sockets per caller, counted from acknowledgement to close. */
class ConnectionsPerCaller {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Counts one more socket for the caller, or answers false when it has `limit` already. */
  open(caller: string): boolean {
    const count = this.counts.get(caller) ?? 0;
    if (count >= this.limit) return false;
    this.counts.set(caller, count + 1);
    return true;
  }

  close(caller: string): void {
    const count = (this.counts.get(caller) ?? 0) - 1;
    if (count > 0) this.counts.set(caller, count);
    else this.counts.delete(caller);
  }
}

/** A caller is one token subject within its tenant (a platform-admin's tokens have none). */
function callerOf(auth: AuthContext): string {
  return `${auth.tenantId ?? ''}/${auth.subject}`;
}

function tooManyConnections(limit: number): GraphQLError {
  return platformError(ErrorCode.TooManyConnections, `At most ${limit} WebSockets per caller; close one, or run more subscriptions on one socket.`, { limit });
}

function tooManySubscriptions(limit: number): GraphQLError {
  return platformError(ErrorCode.TooManySubscriptions, `At most ${limit} subscriptions at once on one WebSocket; complete one first.`, { limit });
}

/** A WebSocket close reason: the code first, so clients can branch on it, within the protocol's 123 bytes. */
function closeReason(error: GraphQLError): string {
  const reason = `${String(error.extensions.code)}: ${error.message}`;
  const bytes = Buffer.from(reason, 'utf8');
  return bytes.length <= 123 ? reason : `${bytes.subarray(0, 120).toString('utf8').replace(/\uFFFD$/, '')}...`;
}

/** Validation errors carry the code Apollo gives them over HTTP; the query-limit rules set their own. */
function asValidationFailure(error: GraphQLError): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } });
}
