import { createHash } from 'node:crypto';
import { Kind, print, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type OperationTypeNode } from 'graphql';

/** A trusted document's id: the SHA-256 of its text in lower-case hex, as APQ's `sha256Hash` and Apollo's manifests have it. */
export function documentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface OperationDocument {
  readonly name: string | null;
  readonly type: OperationTypeNode;
  /** The text a client sends (or whose hash it sends): see canonicalText. */
  readonly body: string;
}

/**
 * The text a document is registered under and matched by: its operations, then its fragments,
 * each group sorted by name, printed by graphql-js. Apollo's generate-persisted-query-manifest
 * orders and prints its bodies the same way, so the two tools agree on a document's hash;
 * whitespace and comments of the source do not count.
 */
export function canonicalText(document: DocumentNode): string {
  return print({ ...document, definitions: [...document.definitions].sort(byKindThenName) });
}

/** Each operation of a document as a document of its own: the operation and the fragments it uses, directly or through other fragments. */
export function operationDocuments(document: DocumentNode): OperationDocument[] {
  const fragments = new Map(document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]));
  return document.definitions
    .filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({
      name: operation.name?.value ?? null,
      type: operation.operation,
      body: canonicalText({ kind: Kind.DOCUMENT, definitions: [operation, ...fragmentsUsedBy(operation, fragments)] }),
    }));
}

function fragmentsUsedBy(operation: OperationDefinitionNode, fragments: ReadonlyMap<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const collect = (node: OperationDefinitionNode | FragmentDefinitionNode) =>
    visit(node, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (!fragment || used.has(fragment.name.value)) return;
        used.set(fragment.name.value, fragment);
        collect(fragment);
      },
    });
  collect(operation);
  return [...used.values()];
}

/** Operations before fragments (as Apollo sorts them: by kind, descending), then by name. */
function byKindThenName(a: DefinitionNode, b: DefinitionNode): number {
  if (a.kind !== b.kind) return a.kind > b.kind ? -1 : 1;
  const [nameA, nameB] = [nameOf(a), nameOf(b)];
  return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
}

function nameOf(definition: DefinitionNode): string {
  return 'name' in definition && definition.name ? definition.name.value : '';
}
