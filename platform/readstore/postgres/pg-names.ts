import { createHash } from 'node:crypto';

/**
 * Table, index and expression names of the PostgreSQL read store. Collection names and field paths
 * are validated identifiers (see ../names.ts) before they get here, so they can be spliced into SQL
 * (quoted); values never are.
 *
 * Collections live in `rm_<name>` tables and the store's own records in `readstore_*` tables, so
 * no collection name (`collections`, `checkpoints`…) can reach them. Index and constraint names hold
 * a `$`, which no table name does, so they cannot take a table's name either: PostgreSQL keeps
 * tables, indexes and constraints' indexes in one namespace per schema.
 */
export const COLLECTIONS_TABLE = 'readstore_collections';
export const CHECKPOINTS_TABLE = 'readstore_checkpoints';

/** PostgreSQL silently cuts identifiers to 63 bytes (NAMEDATALEN 64). */
const MAX_IDENTIFIER_LENGTH = 63;
const HASH_LENGTH = 12;

export function collectionTable(collection: string): string {
  return identifier(`rm_${collection}`);
}

export function primaryKeyName(collection: string): string {
  return identifier(`rm_${collection}$pk`);
}

/** `.` becomes `$`, which no path step holds, so two fields never share an index name. */
export function fieldIndexName(collection: string, field: string): string {
  return identifier(`rm_${collection}$ix$${field.replace(/\./g, '$')}`);
}

export function textIndexName(collection: string): string {
  return identifier(`rm_${collection}$text`);
}

/**
 * A name PostgreSQL keeps whole: a longer one is cut and ends in `~` and a hash of the full name
 * (no short name holds a `~`), where PostgreSQL would cut two long names to the same one.
 */
export function identifier(name: string): string {
  if (name.length <= MAX_IDENTIFIER_LENGTH) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, HASH_LENGTH);
  return `${name.slice(0, MAX_IDENTIFIER_LENGTH - HASH_LENGTH - 1)}~${hash}`;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A table of the store's schema, schema-qualified so no search_path can redirect it. */
export function qualified(schema: string, table: string): string {
  return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/** How a query reaches the top-level field of a document: in `doc`, or in a column a statement selected it into. */
export type RootValue = (root: string) => string;

export const inDocument: RootValue = (root) => `doc->'${root}'`;

/** The field's JSON value (jsonb): SQL NULL when missing. */
export function fieldValue(field: string, rootValue: RootValue = inDocument): string {
  const [root, ...steps] = field.split('.');
  return `${rootValue(root)}${steps.map((step) => `->'${step}'`).join('')}`;
}

/**
 * The expression a field is filtered and sorted by, and indexed on: the `id` column, or the field's
 * value when it is a string, number or boolean, else NULL. JSON null, missing and non-scalar values
 * all order as NULL, as on SQLite and as the cursors encode them; jsonb compares numbers as numbers
 * and strings as strings (in the database's collation).
 */
export function fieldKey(field: string, rootValue: RootValue = inDocument): string {
  if (field === 'id') return 'id';
  const value = fieldValue(field, rootValue);
  return `(CASE WHEN jsonb_typeof(${value}) IN ('string', 'number', 'boolean') THEN ${value} END)`;
}
