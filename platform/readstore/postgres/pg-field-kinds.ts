import type { PoolClient } from 'pg';
import type { WriteOperation } from '../port';
import { newFieldKinds, type StoredCollectionSpec } from '../field-kinds';
import { COLLECTIONS_TABLE, qualified } from './pg-names';
import { run } from './pg-transaction';

/**
 * Inside a commit's transaction: checks the writes against the kinds of the collections' index
 * fields (a conflict refuses the commit) and records the kinds they give fields for the first time.
 * Only then are the spec rows locked and read again, so two commits cannot record different kinds
 * of one field, and commits that bring no new kind never wait for each other.
 */
export async function recordFieldKinds(client: PoolClient, schema: string, specs: ReadonlyMap<string, StoredCollectionSpec>, writes: readonly WriteOperation[]): Promise<void> {
  const pending = [...specs.values()].filter((spec) => Object.keys(newFieldKinds(spec, writes)).length > 0).map((spec) => spec.name);
  if (pending.length === 0) return;
  const table = qualified(schema, COLLECTIONS_TABLE);
  const locked = await run<{ spec: StoredCollectionSpec }>(client, { sql: `SELECT spec FROM ${table} WHERE name = ANY(?::text[]) ORDER BY name FOR UPDATE`, params: [pending] });
  for (const { spec } of locked) {
    const added = newFieldKinds(spec, writes);
    if (Object.keys(added).length === 0) continue;
    await run(client, { sql: `UPDATE ${table} SET spec = jsonb_set(spec, '{kinds}', ?::jsonb) WHERE name = ?`, params: [JSON.stringify({ ...spec.kinds, ...added }), spec.name] });
  }
}

/** Inside a reset's transaction: a rebuild may give the fields other kinds. */
export async function forgetFieldKinds(client: PoolClient, schema: string, collections: readonly string[]): Promise<void> {
  await run(client, { sql: `UPDATE ${qualified(schema, COLLECTIONS_TABLE)} SET spec = spec - 'kinds' WHERE name = ANY(?::text[])`, params: [collections] });
}
