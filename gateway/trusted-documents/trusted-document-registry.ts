import { parse } from 'graphql';
import { canonicalText, documentHash } from './operation-documents';

/**
 * The documents the gateway runs in `enforce` mode, found by the id a client sends or by the text
 * itself. A text matches when it is a registered body exactly, or when it is one once printed
 * canonically (canonicalText): a client may send the operation as written in its `.graphql` file.
 */
export class TrustedDocumentRegistry {
  private readonly bodies: ReadonlyMap<string, string>;
  /** SHA-256 of every body as registered and of its canonical text. */
  private readonly textHashes: ReadonlySet<string>;

  constructor(
    documents: readonly { readonly id: string; readonly body: string }[],
    /** Bounds the parse of a text that is no registered body as sent (QUERY_MAX_TOKENS). */
    private readonly maxTokens?: number,
  ) {
    this.bodies = new Map(documents.map(({ id, body }) => [id, body]));
    this.textHashes = new Set(documents.flatMap(({ body }) => [documentHash(body), documentHash(canonicalText(parse(body)))]));
  }

  get size(): number {
    return this.bodies.size;
  }

  /** The body registered under `id`; a `sha256:` prefix (the GraphQL-over-HTTP draft's documentId form) is allowed. */
  body(id: string): string | undefined {
    return this.bodies.get(id) ?? this.bodies.get(id.replace(/^sha256:/, ''));
  }

  trustsText(text: string): boolean {
    if (this.textHashes.has(documentHash(text))) return true;
    try {
      return this.textHashes.has(documentHash(canonicalText(parse(text, { maxTokens: this.maxTokens }))));
    } catch {
      // Not even a document: certainly not a registered one.
      return false;
    }
  }
}
