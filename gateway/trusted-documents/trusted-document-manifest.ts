import { getOperationAST, parse } from 'graphql';

/** One trusted document: what a client sends (`body`) and the id it may send instead. */
export interface TrustedDocument {
  readonly id: string;
  readonly name: string | null;
  readonly type: 'query' | 'mutation' | 'subscription';
  readonly body: string;
}

/** The `format` of the manifest Apollo's generate-persisted-query-manifest writes; the one written here too. */
export const APOLLO_MANIFEST_FORMAT = 'apollo-persisted-query-manifest';

/**
 * The documents of a manifest, in either common shape: Apollo's
 * `{ "format": "apollo-persisted-query-manifest", "version": 1, "operations": [{ id, name, type, body }] }`
 * or GraphQL Codegen's client preset `{ "<id>": "<document>" }`. The ids are kept as written (Codegen
 * hashes with SHA-1 by default): an id is only a name a client may send. Throws, naming `source`,
 * on anything else, and on a body that does not parse or does not hold exactly one operation.
 */
export function parseManifest(json: string, source: string): TrustedDocument[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(json);
  } catch (error) {
    throw new Error(`${source} is not JSON: ${(error as Error).message}`);
  }
  if (!isRecord(manifest)) throw new Error(`${source} is not a persisted-document manifest: expected a JSON object`);
  if (!('format' in manifest)) return Object.entries(manifest).map(([id, body]) => trustedDocument(id, body, source));
  if (manifest.format !== APOLLO_MANIFEST_FORMAT || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${source} is not a persisted-document manifest: expected format "${APOLLO_MANIFEST_FORMAT}", version 1 and a list of operations, or an object of id → document`);
  }
  return manifest.operations.map((operation: unknown, index: number) => {
    if (!isRecord(operation)) throw new Error(`${source}: operation ${index} is not an object`);
    return trustedDocument(operation.id, operation.body, source);
  });
}

/** Apollo's manifest shape (`apollo-persisted-query-manifest`, version 1), one operation per line of the list, ending with a newline. */
export function manifestJson(documents: readonly TrustedDocument[]): string {
  const operations = documents.map(({ id, name, type, body }) => ({ id, name, type, body }));
  return `${JSON.stringify({ format: APOLLO_MANIFEST_FORMAT, version: 1, operations }, null, 2)}\n`;
}

/**
 * `existing` with the documents of `added` it lacks, in order. An id already there with another
 * body is refused: a client sending that id would otherwise run something else from one day to the next.
 */
export function mergeDocuments(existing: readonly TrustedDocument[], added: readonly TrustedDocument[]): { documents: TrustedDocument[]; newIds: Set<string> } {
  const byId = new Map(existing.map((document) => [document.id, document]));
  const newIds = new Set<string>();
  for (const document of added) {
    const known = byId.get(document.id);
    if (known && known.body !== document.body) throw new Error(`id ${document.id} is already registered for another document (${known.name ?? 'anonymous'} ${known.type})`);
    if (known) continue;
    byId.set(document.id, document);
    newIds.add(document.id);
  }
  return { documents: [...byId.values()], newIds };
}

function trustedDocument(id: unknown, body: unknown, source: string): TrustedDocument {
  if (typeof id !== 'string' || id === '') throw new Error(`${source}: an operation has no id`);
  if (typeof body !== 'string') throw new Error(`${source}: operation ${id} has no body`);
  let operation;
  try {
    operation = getOperationAST(parse(body));
  } catch (error) {
    throw new Error(`${source}: operation ${id} does not parse: ${(error as Error).message}`);
  }
  if (!operation) throw new Error(`${source}: operation ${id} must hold exactly one operation`);
  return { id, name: operation.name?.value ?? null, type: operation.operation, body };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
