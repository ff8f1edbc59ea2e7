import { HeaderMap, type ApolloServerPlugin, type GraphQLRequest, type HTTPGraphQLRequest } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { TrustedDocumentsSettings } from '../../platform/config';
import type { Logger } from '../../platform/logging';
import type { GatewayContext } from '../gateway-context';
import { PLAYGROUND_HEADER } from '../playground/playground-header';
import { decideDocument, refusal, type DocumentDecision, type DocumentRequest } from './document-decision';
import { registryFromManifest } from './registry-from-manifest';

export interface TrustedDocumentsOptions extends TrustedDocumentsSettings {
  /** True outside production: the Playground (PLAYGROUND_HEADER) runs any document there. */
  readonly playgroundRunsAnyDocument: boolean;
}

/** A WebSocket subscribe message's payload, as far as documents go. */
export interface SubscribePayload {
  readonly query: string;
  readonly extensions?: Record<string, unknown> | null;
}

/** The gateway's three doors for documents: Apollo Server's options and plugin, and the WebSocket's subscribe messages. */
export interface TrustedDocuments {
  /** ApolloServer's `persistedQueries`: off (`false`) in enforce mode, so no client registers anything; Apollo's default (APQ on) otherwise. */
  readonly persistedQueries: false | undefined;
  readonly plugin: ApolloServerPlugin<GatewayContext>;
  /** The text to run for a subscribe message, or the refusal to answer it with. */
  admitSubscription(payload: SubscribePayload, connectionParams: Readonly<Record<string, unknown>> | undefined): Promise<string | GraphQLError>;
}

/**
 * TRUSTED_DOCUMENTS at the gateway (README, Trusted documents). The manifest is read again whenever
 * a request names a document this process does not know and the file has changed since: documents
 * registered while the gateway runs are served without a restart, by every gateway process reading the file.
 */
export async function openTrustedDocuments(options: TrustedDocumentsOptions | undefined, { logger, maxTokens }: { logger: Logger; maxTokens: number }): Promise<TrustedDocuments> {
  if (!options || options.mode === 'off') {
    return { persistedQueries: undefined, plugin: {}, admitSubscription: async (payload) => payload.query };
  }
  const { mode, manifestPath, playgroundRunsAnyDocument } = options;
  const registry = await registryFromManifest(manifestPath, { logger, maxTokens });

  const decide = async (request: DocumentRequest): Promise<DocumentDecision> => {
    const decision = decideDocument(request, registry.current(), playgroundRunsAnyDocument);
    if (decision.outcome !== 'unknown-id' && decision.outcome !== 'unregistered-text') return decision;
    // Registered since this process read the manifest?
    return (await registry.reloadIfChanged()) ? decideDocument(request, registry.current(), playgroundRunsAnyDocument) : decision;
  };

  /** Logs a document enforce mode refuses or log mode runs unregistered, and answers the refusal, if any. */
  const untrusted = (decision: DocumentDecision, correlationId: string | undefined, caller: string | undefined): GraphQLError | undefined => {
    const error = refusal(decision, mode);
    if (decision.outcome === 'unregistered-text' || error) {
      const document = decision.outcome === 'unregistered-text' ? { documentHash: decision.hash } : decision.outcome === 'unknown-id' ? { documentId: decision.id } : {};
      logger.warn({ correlationId, caller, ...document }, error ? 'untrusted document refused' : 'unregistered document run');
    }
    return error;
  };

  return {
    persistedQueries: mode === 'enforce' ? false : undefined,
    plugin: {
      // Decided before parsing, so an untrusted document is never parsed, validated or planned,
      // and its validation errors cannot be used to probe the schema.
      async requestDidStart({ request, contextValue }) {
        const sent = httpDocumentRequest(request);
        const decision = await decide(sent);
        if (decision.outcome === 'registered') {
          request.query = decision.body;
          // With APQ off, Apollo would refuse the extension; with it on, a text sent with its hash still registers as APQ does.
          if (mode === 'enforce' || !sent.query) request.extensions = withoutPersistedQuery(request.extensions);
          return;
        }
        const error = untrusted(decision, contextValue.correlationId, contextValue.auth?.subject);
        if (!error) return;
        // Thrown from requestDidStart, the refusal would leave Apollo Server's pipeline and be
        // answered as a 500; thrown from didResolveOperation it is answered as it is, and logged
        // and counted like any refusal. So the document sent is set aside, unparsed, for a
        // constant stand-in that gets there.
        Object.assign(request, { query: REFUSAL_STAND_IN, operationName: undefined, extensions: withoutPersistedQuery(request.extensions) });
        return {
          async didResolveOperation() {
            throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: httpHead(decision) } });
          },
        };
      },
    },
    async admitSubscription(payload, connectionParams) {
      const decision = await decide({ query: payload.query, documentId: persistedQueryHash(payload.extensions), fromPlayground: connectionParams?.[PLAYGROUND_HEADER] !== undefined });
      if (decision.outcome === 'registered') return decision.body;
      return untrusted(decision, undefined, undefined) ?? payload.query;
    },
  };
}

/**
 * Parsed and validated in place of a refused document: it selects nothing but the root's type
 * name, and its name is what the access log and the request metrics show for the refusal.
 */
const REFUSAL_STAND_IN = 'query __untrusted { __typename }';

/** What an HTTP request names: its text, its APQ hash or GraphQL-over-HTTP `documentId` (body, or the URL of a GET), and whether the Playground sent it. */
function httpDocumentRequest(request: GraphQLRequest): DocumentRequest {
  return {
    query: request.query,
    documentId: persistedQueryHash(request.extensions) ?? (request.http && documentIdOf(request.http)),
    fromPlayground: request.http?.headers.get(PLAYGROUND_HEADER) !== undefined,
  };
}

function persistedQueryHash(extensions: Readonly<Record<string, unknown>> | null | undefined): string | undefined {
  const persistedQuery = extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  return typeof persistedQuery?.sha256Hash === 'string' ? persistedQuery.sha256Hash : undefined;
}

function documentIdOf(http: HTTPGraphQLRequest): string | undefined {
  const id = http.method === 'GET' ? new URLSearchParams(http.search).get('documentId') : (http.body as { documentId?: unknown } | undefined)?.documentId;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

function withoutPersistedQuery(extensions: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!extensions || !('persistedQuery' in extensions)) return extensions;
  const { persistedQuery: _replaced, ...rest } = extensions;
  return rest;
}

/** PERSISTED_QUERY_NOT_FOUND as Apollo answers it (200, never cached), so APQ clients react as they do to Apollo; a refused text is the client's error (400). */
function httpHead(decision: DocumentDecision) {
  return decision.outcome === 'unknown-id' ? { status: 200, headers: new HeaderMap([['cache-control', 'private, no-cache, must-revalidate']]) } : { status: 400 };
}
