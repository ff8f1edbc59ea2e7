import type { PoolClient } from 'pg';
import type { WriteOperation } from '../port';
import { collectionTable, qualified } from './pg-names';
import { LIVE, type SqlFragment } from './pg-query';
import { documentWords, textVector } from './pg-text';
import { run } from './pg-transaction';

export type Replacement = Extract<WriteOperation, { kind: 'upsert' | 'delete' }>;
type Patch = Extract<WriteOperation, { kind: 'patch' }>;

/** Consecutive upserts and deletes of one collection, each id once; or one patch. */
export type WriteStep = { readonly kind: 'replace'; readonly writes: readonly Replacement[] } | { readonly kind: 'patch'; readonly write: Patch };

/**
 * Applies the writes of one commit in order, inside its transaction. Every write is guarded by
 * position: it takes effect only when the stored row reflects an earlier event, so replaying writes
 * that were already committed changes nothing. A delete keeps the row as a tombstone (doc NULL).
 */
export async function applyWrites(client: PoolClient, schema: string, writes: readonly WriteOperation[], textFieldsOf: (collection: string) => readonly string[]): Promise<void> {
  for (const step of writeSteps(writes)) {
    if (step.kind === 'replace') await run(client, replaceSql(schema, step.writes, textFieldsOf(step.writes[0].collection)));
    else await applyPatch(client, schema, step.write, textFieldsOf(step.write.collection));
  }
}

/** Upserts and deletes go in one statement per run; a run ends before an id it holds already, as one INSERT … ON CONFLICT cannot change a row twice. */
export function writeSteps(writes: readonly WriteOperation[]): WriteStep[] {
  const steps: WriteStep[] = [];
  let replacements: Replacement[] = [];
  const flush = () => {
    if (replacements.length > 0) steps.push({ kind: 'replace', writes: replacements });
    replacements = [];
  };
  for (const write of writes) {
    if (write.kind === 'patch') {
      flush();
      steps.push({ kind: 'patch', write });
      continue;
    }
    const [first] = replacements;
    if (first && (first.collection !== write.collection || replacements.some((other) => idOf(other) === idOf(write)))) flush();
    replacements.push(write);
  }
  flush();
  return steps;
}

function idOf(write: Replacement): string {
  return write.kind === 'upsert' ? write.doc.id : write.id;
}

export function replaceSql(schema: string, writes: readonly Replacement[], textFields: readonly string[]): SqlFragment {
  const docs = writes.map((write) => (write.kind === 'upsert' ? write.doc : null));
  return {
    sql: `INSERT INTO ${qualified(schema, collectionTable(writes[0].collection))} AS stored (id, doc, position, words)
      SELECT id, doc, position, ${textVector('words')} FROM unnest(?::text[], ?::jsonb[], ?::bigint[], ?::text[]) AS written(id, doc, position, words)
      ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, position = excluded.position, words = excluded.words WHERE stored.position < excluded.position`,
    params: [
      writes.map(idOf),
      docs.map((doc) => (doc === null ? null : JSON.stringify(doc))),
      writes.map((write) => write.position),
      docs.map((doc) => (doc === null ? null : documentWords(doc, textFields))),
    ],
  };
}

/**
 * Sets the fields on a live document of an earlier position. Without a text field among them the
 * database merges them (`||` sets top-level fields, as the port's patch does; JSON leaves undefined
 * values out, so they set nothing). With one, the words come from the merged document, split here:
 * the document is read under a row lock, merged and written back.
 */
async function applyPatch(client: PoolClient, schema: string, write: Patch, textFields: readonly string[]): Promise<void> {
  const table = qualified(schema, collectionTable(write.collection));
  if (!textFields.some((field) => field.split('.')[0] in write.fields)) {
    await run(client, patchSql(table, write));
    return;
  }
  const [row] = await run<{ doc: Record<string, unknown> }>(client, {
    sql: `SELECT doc FROM ${table} WHERE id = ? AND ${LIVE.sql} AND position < ? FOR UPDATE`,
    params: [write.id, write.position],
  });
  if (!row) return;
  const patched = { ...row.doc, ...Object.fromEntries(Object.entries(write.fields).filter(([, value]) => value !== undefined)) };
  await run(client, {
    sql: `UPDATE ${table} SET doc = ?::jsonb, position = ?, words = ${textVector('?')} WHERE id = ?`,
    params: [JSON.stringify(patched), write.position, documentWords(patched, textFields), write.id],
  });
}

export function patchSql(table: string, write: Patch): SqlFragment {
  return {
    sql: `UPDATE ${table} SET doc = doc || ?::jsonb, position = ? WHERE id = ? AND ${LIVE.sql} AND position < ?`,
    params: [JSON.stringify(write.fields), write.position, write.id, write.position],
  };
}
