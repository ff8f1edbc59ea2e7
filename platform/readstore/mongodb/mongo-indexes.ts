import type { Collection } from 'mongodb';
import type { CollectionSpec } from '../port';
import type { StoredDocument } from './stored-document';

const FIELD_INDEX_PREFIX = 'ix_';
const TEXT_INDEX = 'rm_text';

/**
 * Makes the collection's indexes match its spec: one index per declared field (with `_id` so a
 * sort with the id tie-breaker is an index walk) and one text index over the text fields.
 */
export async function syncIndexes(collection: Collection<StoredDocument>, spec: CollectionSpec): Promise<void> {
  const existing = await listIndexes(collection);
  const wanted = new Map(spec.indexes.filter((field) => field !== 'id').map((field) => [`${FIELD_INDEX_PREFIX}${field}`, field]));

  for (const index of existing) {
    const staleField = index.name.startsWith(FIELD_INDEX_PREFIX) && !wanted.has(index.name);
    const staleText = index.name === TEXT_INDEX && !sameFields(Object.keys(index.weights ?? {}), spec.textFields ?? []);
    if (staleField || staleText) await collection.dropIndex(index.name);
  }
  for (const [name, field] of wanted) await collection.createIndex({ [field]: 1, _id: 1 }, { name });

  const textFields = spec.textFields ?? [];
  if (textFields.length > 0) {
    await collection.createIndex(Object.fromEntries(textFields.map((field) => [field, 'text' as const])), {
      name: TEXT_INDEX,
      // No stemming or stop words, so words match as they do in SQLite's unicode61 tokenizer.
      default_language: 'none',
      // Without this, a document field called `language` (say, an algorithm's `python`) would be read as the text language and rejected.
      language_override: '_textLanguage',
    });
  }
}

interface IndexDescription {
  readonly name: string;
  readonly weights?: Record<string, number>;
}

async function listIndexes(collection: Collection<StoredDocument>): Promise<IndexDescription[]> {
  try {
    return (await collection.listIndexes().toArray()) as unknown as IndexDescription[];
  } catch (error) {
    // A collection that does not exist yet has no indexes (NamespaceNotFound).
    if ((error as { code?: number }).code === 26) return [];
    throw error;
  }
}

function sameFields(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join('\0') === [...b].sort().join('\0');
}
