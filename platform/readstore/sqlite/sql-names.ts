/**
 * Table, index and expression names for one collection. Collection names and field paths are
 * validated identifiers (see ../names.ts) before they get here, so they can be spliced into SQL;
 * values never are.
 */
export const COLLECTIONS_TABLE = 'rm_collections';
export const CHECKPOINTS_TABLE = 'rm_checkpoints';
/** How many commits have written each collection: what the read cache checks its answers against. */
export const COLLECTION_VERSIONS_TABLE = 'rm_collection_versions';

export function collectionTable(collection: string): string {
  return `rm_${collection}`;
}

export function textTable(collection: string): string {
  return `rm_${collection}__fts`;
}

/** `$` never occurs in a field path, so the mapping from path to index name cannot collide. */
export function indexName(collection: string, field: string): string {
  return `rm_${collection}__ix__${field.replace(/\./g, '$')}`;
}

export function indexNamePrefix(collection: string): string {
  return `rm_${collection}__ix__`;
}

/** The SQL expression for a field: the `id` column, or the JSON path into `doc` (matching the expression indexes exactly). */
export function fieldExpression(field: string): string {
  return field === 'id' ? 'id' : `json_extract(doc, '$.${field}')`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
