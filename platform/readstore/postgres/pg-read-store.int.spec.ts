import { Client, Pool } from 'pg';
import { dropTestSchema, postgresTestUrl, uniqueSchema } from '../../../test/support/postgres-test-database';
import type { ReadStore } from '../port';
import { ReadQueryTimeoutError } from '../read-query-timeout-error';
import { readRows } from './pg-budget';
import { createPostgresReadStore } from './pg-read-store';

/** What the contract suite cannot see: names, the server's time-outs, other processes, the plans. Needs POSTGRES_TEST_URL or POSTGRES_URL. */
const d = postgresTestUrl ? describe : describe.skip;

d('PostgreSQL read store', () => {
  const url = postgresTestUrl ?? '';
  const schema = uniqueSchema('readstore_int');
  const open = () => createPostgresReadStore({ connectionString: url, schema });
  let store: ReadStore;

  beforeAll(() => {
    store = open();
  });

  afterAll(async () => {
    await store.close();
    await dropTestSchema(schema);
  });

  it('keeps collections whose names PostgreSQL would cut to the same 63 bytes apart', async () => {
    // Given two collections whose names differ only past PostgreSQL's 63 bytes once prefixed
    const long = 'l'.repeat(62);
    await store.defineCollections([`${long}a`, `${long}b`].map((name) => ({ name, indexes: ['rank'] })));
    // When one gets a document
    await store.commit('long', [{ kind: 'upsert', collection: `${long}a`, doc: { id: 'a', rank: 3 }, position: 3 }], { position: 3, version: 1 });
    // Then the other stays empty
    expect(await store.collection(`${long}a`).count()).toBe(1);
    expect(await store.collection(`${long}b`).count()).toBe(0);
  });

  it('rolls back every write of a commit that the server refuses halfway, and its checkpoint', async () => {
    await store.defineCollections([{ name: 'notes', indexes: [], textFields: ['text'] }]);
    // Given a commit whose second document holds a NUL character, which jsonb cannot store
    const commit = store.commit(
      'notes-projection',
      [
        { kind: 'upsert', collection: 'notes', doc: { id: 'a', text: 'fine' }, position: 1 },
        { kind: 'patch', collection: 'notes', id: 'a', fields: { text: 'nul \u0000 inside' }, position: 2 },
      ],
      { position: 2, version: 1 },
    );
    // Then it fails and leaves nothing behind
    await expect(commit).rejects.toThrow(/unsupported Unicode escape sequence/);
    expect(await store.collection('notes').get('a')).toBeUndefined();
    expect(await store.getCheckpoint('notes-projection')).toBeUndefined();
  });

  it("has the server cancel a statement that outlives its budget, and leaves no time-out on the pooled connection", async () => {
    const pool = new Pool({ connectionString: url, max: 1 });
    try {
      await expect(readRows(pool, { sql: 'SELECT pg_sleep(2)', params: [] }, 50)).rejects.toEqual(new ReadQueryTimeoutError(50));
      const [setting] = await readRows<{ statement_timeout: string }>(pool, { sql: 'SHOW statement_timeout', params: [] }, undefined);
      expect(setting.statement_timeout).toBe('0');
    } finally {
      await pool.end();
    }
  });

  it("indexes words of the text fields another process declared since this one last looked", async () => {
    // Given two processes on one schema, the second having read the collection's spec before the first adds a text field
    const other = open();
    try {
      await store.defineCollections([{ name: 'papers', indexes: ['year'], textFields: ['title'] }]);
      expect(await other.collection('papers').count(undefined, { text: 'anything' })).toBe(0);
      await store.defineCollections([{ name: 'papers', indexes: ['year'], textFields: ['title', 'abstract'] }]);
      // When the second commits a document
      await other.commit('papers-projection', [{ kind: 'upsert', collection: 'papers', doc: { id: 'p', title: 'Tabu', abstract: 'Annealing', year: 2024 }, position: 1 }], { position: 1, version: 1 });
      // Then its words are indexed by the fields declared now
      expect((await store.collection('papers').search('annealing')).items.map((doc) => doc.id)).toEqual(['p']);
    } finally {
      await other.close();
    }
  });

  it('answers filters and sorts on a declared field from its index, and text matches from the text index', async () => {
    await store.defineCollections([{ name: 'plans', indexes: ['category'], textFields: ['title'] }]);
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('BEGIN');
      // Tables this small would be read whole: the question is only whether the indexes fit the statements.
      await client.query('SET LOCAL enable_seqscan = off');
      const table = `"${schema}"."rm_plans"`;
      const key = `(CASE WHEN jsonb_typeof(doc->'category') IN ('string', 'number', 'boolean') THEN doc->'category' END)`;
      const sorted = await client.query(`EXPLAIN SELECT doc FROM ${table} WHERE doc IS NOT NULL AND ${key} = '"x"'::jsonb ORDER BY ${key} ASC NULLS FIRST, id ASC LIMIT 5`);
      expect(sorted.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('rm_plans$ix$category');
      const text = await client.query(`EXPLAIN SELECT doc FROM ${table} WHERE doc IS NOT NULL AND words @@ to_tsquery('simple'::regconfig, '''tabu''')`);
      expect(text.rows.map((row) => row['QUERY PLAN']).join('\n')).toContain('rm_plans$text');
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });
});
