import { MongoBulkWriteError } from 'mongodb';
import { FakeMongoDatabase } from '../../../test/support/fake-mongo-database';
import type { WriteOperation } from '../port';
import { applyRounds, bulkOperation, writeRounds } from './mongo-writes';
import type { StoredDocument } from './stored-document';

/** The MongoDB adapter cannot run here without a server: a database that answers bulk writes as the server does stands in. */
describe('MongoDB position-guarded writes', () => {
  const upsert = (id: string, position: number, fields: Record<string, unknown> = {}): WriteOperation => ({ kind: 'upsert', collection: 'c', doc: { id, ...fields }, position });
  const patch = (id: string, position: number, fields: Record<string, unknown>): WriteOperation => ({ kind: 'patch', collection: 'c', id, fields, position });
  const remove = (id: string, position: number): WriteOperation => ({ kind: 'delete', collection: 'c', id, position });

  let server: FakeMongoDatabase;
  const apply = (writes: WriteOperation[]) => applyRounds(server.db.collection<StoredDocument>('rm_c'), writeRounds(writes));
  /** Bulk writes sent while `work` runs. */
  const bulkWritesOf = async (work: () => Promise<void>): Promise<number> => {
    const before = server.count('rm_c.bulkWrite');
    await work();
    return server.count('rm_c.bulkWrite') - before;
  };

  beforeEach(() => {
    server = new FakeMongoDatabase();
  });

  it('guards every write by position and keeps deletes as tombstones', () => {
    expect(bulkOperation(upsert('a', 5, { title: 'A' }))).toEqual({
      replaceOne: { filter: { _id: 'a', _position: { $lt: 5 } }, replacement: { title: 'A', _id: 'a', _position: 5 }, upsert: true },
    });
    expect(bulkOperation(remove('a', 6))).toEqual({
      replaceOne: { filter: { _id: 'a', _position: { $lt: 6 } }, replacement: { _id: 'a', _deleted: true, _position: 6 }, upsert: true },
    });
    expect(bulkOperation(patch('a', 7, { title: 'B' }))).toEqual({
      updateOne: { filter: { _id: 'a', _position: { $lt: 7 }, _deleted: { $ne: true } }, update: { $set: { title: 'B', _position: 7 } } },
    });
  });

  it('skips a redelivered batch in one round trip, however many writes it holds', async () => {
    // Given a batch of 200 upserts already applied
    const batch = Array.from({ length: 200 }, (_, i) => upsert(`d${i}`, i + 1, { rank: i }));
    await apply(batch);
    const applied = server.documents('rm_c');

    // When it is delivered again, then one bulk write answers it, and nothing changes
    expect(await bulkWritesOf(() => apply(batch))).toBe(1);
    expect(server.documents('rm_c')).toEqual(applied);
  });

  it('applies the new writes of a partly applied batch and skips the rest, in the same round trip', async () => {
    // Given a store that already reflects the first two writes of a batch
    const batch = [upsert('a', 1, { title: 'A' }), upsert('b', 2, { title: 'B' }), upsert('c', 3, { title: 'C' }), remove('d', 4)];
    await apply(batch.slice(0, 2));

    // When the whole batch is delivered, then one bulk write applies the rest
    expect(await bulkWritesOf(() => apply(batch))).toBe(1);
    expect(server.documents('rm_c')).toEqual([
      { _id: 'a', title: 'A', _position: 1 },
      { _id: 'b', title: 'B', _position: 2 },
      { _id: 'c', title: 'C', _position: 3 },
      { _id: 'd', _deleted: true, _position: 4 },
    ]);
  });

  it("keeps each document's writes in order (a round trip per write of the busiest document), and a redelivery changes nothing", async () => {
    // Given writes that build on each other: a patch after an upsert, an upsert after a delete
    const batch = [upsert('a', 1, { title: 'A' }), upsert('b', 2), patch('a', 3, { rating: 5 }), remove('b', 4), upsert('b', 5, { title: 'Back' }), patch('a', 6, { rating: 6 })];

    // When the batch is applied, then applied again
    expect(await bulkWritesOf(() => apply(batch))).toBe(3);
    const once = server.documents('rm_c');
    await apply(batch);

    // Then each document reflects its writes in order, once
    expect(once).toEqual([
      { _id: 'a', title: 'A', rating: 6, _position: 6 },
      { _id: 'b', title: 'Back', _position: 5 },
    ]);
    expect(server.documents('rm_c')).toEqual(once);
  });

  it('throws any other write error', async () => {
    server.failBulkWritesWith = 121; // DocumentValidationFailure
    await expect(apply([remove('a', 1)])).rejects.toBeInstanceOf(MongoBulkWriteError);
  });
});
