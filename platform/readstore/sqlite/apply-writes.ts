import type { WriteOperation } from '../port';
import { assertPatchFields, assertWritableDocument } from '../names';
import { collectionTable, quoteIdentifier as q } from './sql-names';
import type { StatementCache } from './statement-cache';

/**
 * Applies one write inside the commit transaction, which is IMMEDIATE because a patch reads the
 * stored document before it writes (see SqliteReadStore). Every write is guarded by position: it takes
 * effect only when the stored row reflects an earlier event, so replaying writes that were already
 * committed changes nothing. Deletes keep the row as a tombstone (doc NULL) for the same reason.
 */
export function applyWrite(statements: StatementCache, write: WriteOperation): void {
  const table = q(collectionTable(write.collection));
  switch (write.kind) {
    case 'upsert':
      assertWritableDocument(write.collection, write.doc);
      statements.get(replaceSql(table)).run(write.doc.id, JSON.stringify(write.doc), write.position);
      return;
    case 'delete':
      statements.get(replaceSql(table)).run(write.id, null, write.position);
      return;
    case 'patch': {
      assertPatchFields(write.collection, write.fields);
      const row = statements.get(`SELECT doc, position FROM ${table} WHERE id = ?`).get(write.id) as { doc: string | null; position: number } | undefined;
      if (!row || row.doc === null || row.position >= write.position) return;
      // Undefined values set nothing, as on MongoDB (ignoreUndefined).
      const fields = Object.entries(write.fields).filter(([, value]) => value !== undefined);
      const patched = { ...(JSON.parse(row.doc) as Record<string, unknown>), ...Object.fromEntries(fields) };
      statements.get(`UPDATE ${table} SET doc = ?, position = ? WHERE id = ?`).run(JSON.stringify(patched), write.position, write.id);
      return;
    }
  }
}

function replaceSql(table: string): string {
  return `INSERT INTO ${table} (id, doc, position) VALUES (?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, position = excluded.position WHERE excluded.position > ${table}.position`;
}
