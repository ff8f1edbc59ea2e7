import type { GraphQLError } from 'graphql';
import type { TrustedDocumentsMode } from '../../platform/config';
import { ErrorCode, platformError } from '../../platform/errors';
import { documentHash } from './operation-documents';
import type { TrustedDocumentRegistry } from './trusted-document-registry';

/** What a request carries, over HTTP or in a WebSocket subscribe message. */
export interface DocumentRequest {
  /** The document's text, when sent. */
  readonly query?: string;
  /** The id sent with or instead of it: `extensions.persistedQuery.sha256Hash` or `documentId`. */
  readonly documentId?: string;
  /** Sent by the Playground (its marker header); counts outside production only. */
  readonly fromPlayground: boolean;
}

export type DocumentDecision =
  /** A registered document: run `body` (the registered text when only its id was sent). */
  | { readonly outcome: 'registered'; readonly body: string }
  /** The Playground outside production: run what it sent. */
  | { readonly outcome: 'playground' }
  | { readonly outcome: 'unregistered-text'; readonly hash: string }
  | { readonly outcome: 'unknown-id'; readonly id: string }
  /** Neither text nor id: Apollo Server answers that itself. */
  | { readonly outcome: 'no-document' };

/** Which document a request names, and whether it is trusted; the mode then says what to do about it (refusal). */
export function decideDocument(request: DocumentRequest, registry: TrustedDocumentRegistry, playgroundRunsAnyDocument: boolean): DocumentDecision {
  if (!request.query) {
    if (request.documentId === undefined) return { outcome: 'no-document' };
    const body = registry.body(request.documentId);
    return body === undefined ? { outcome: 'unknown-id', id: request.documentId } : { outcome: 'registered', body };
  }
  if (registry.trustsText(request.query)) return { outcome: 'registered', body: request.query };
  if (request.fromPlayground && playgroundRunsAnyDocument) return { outcome: 'playground' };
  return { outcome: 'unregistered-text', hash: documentHash(request.query) };
}

const REMEDY = 'register the document with `goliath documents register FILE.graphql` (it is then accepted by its text or its SHA-256)';

/** The answer to a document `enforce` mode does not run; none for one it runs, and none in the other modes. */
export function refusal(decision: DocumentDecision, mode: TrustedDocumentsMode): GraphQLError | undefined {
  if (mode !== 'enforce') return undefined;
  if (decision.outcome === 'unknown-id') {
    // Apollo's code, so APQ clients resend the text, which then gets the clear refusal below.
    return platformError(ErrorCode.PersistedQueryNotFound, `No trusted document has id ${decision.id}: send a registered document's id, or ${REMEDY}.`);
  }
  if (decision.outcome === 'unregistered-text') {
    return platformError(ErrorCode.PersistedQueryNotTrusted, `This gateway runs registered documents only (TRUSTED_DOCUMENTS=enforce), and this one (SHA-256 ${decision.hash}) is not registered: ${REMEDY}.`);
  }
  return undefined;
}
