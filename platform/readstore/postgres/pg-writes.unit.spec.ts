import type { WriteOperation } from '../port';
import { patchSql, replaceSql, writeSteps, type Replacement } from './pg-writes';

describe('PostgreSQL read-store writes', () => {
  const upsert = (collection: string, id: string, position: number): WriteOperation => ({ kind: 'upsert', collection, doc: { id, title: `T ${id}` }, position });
  const remove = (collection: string, id: string, position: number): WriteOperation => ({ kind: 'delete', collection, id, position });
  const patch = (collection: string, id: string, position: number): WriteOperation => ({ kind: 'patch', collection, id, fields: { rating: position }, position });

  it('groups consecutive upserts and deletes of one collection, each id once, and keeps the order of everything', () => {
    const writes = [upsert('a', '1', 1), remove('a', '2', 2), upsert('a', '1', 3), upsert('b', '1', 4), patch('b', '1', 5), upsert('b', '2', 6)];
    expect(writeSteps(writes).map((step) => (step.kind === 'replace' ? step.writes.map((write) => write.position) : step.write.position))).toEqual([[1, 2], [3], [4], 5, [6]]);
    expect(writeSteps([])).toEqual([]);
  });

  it('replaces a run in one statement guarded by position, a delete leaving a tombstone', () => {
    const statement = replaceSql('s', [upsert('a', '1', 1), remove('a', '2', 2)] as Replacement[], ['title']);
    expect(statement.sql).toContain('INSERT INTO "s"."rm_a" AS stored');
    expect(statement.sql).toContain('WHERE stored.position < excluded.position');
    expect(statement.params).toEqual([['1', '2'], ['{"id":"1","title":"T 1"}', null], [1, 2], ['t 1', null]]);
  });

  it('patches a live document of an earlier position only, merging the fields given', () => {
    const statement = patchSql('"s"."rm_a"', { kind: 'patch', collection: 'a', id: '1', fields: { rating: 4, note: undefined }, position: 7 });
    expect(statement).toEqual({
      sql: 'UPDATE "s"."rm_a" SET doc = doc || ?::jsonb, position = ? WHERE id = ? AND doc IS NOT NULL AND position < ?',
      params: ['{"rating":4}', 7, '1', 7],
    });
  });
});
