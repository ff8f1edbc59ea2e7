import { MongoBulkWriteError, type AnyBulkWriteOperation, type Collection } from 'mongodb';
import { keysetFilter, conditionFilters, sortSpec, mongoSortKeys } from './mongo-query';
import { applyInOrder, bulkOperation } from './mongo-writes';
import type { StoredDocument } from './stored-document';

/** The MongoDB adapter cannot run here without a server; these pin down its translation and write logic. */
describe('MongoDB query translation', () => {
  it('translates equality, membership and ranges, with id as _id', () => {
    expect(
      conditionFilters([
        { kind: 'eq', field: 'id', value: 'a' },
        { kind: 'in', field: 'state', values: ['queued', null] },
        { kind: 'range', field: 'rating', bounds: [{ op: 'gte', value: 1 }, { op: 'lt', value: 3 }] },
      ]),
    ).toEqual([{ _id: 'a' }, { state: { $in: ['queued', null] } }, { rating: { $gte: 1, $lt: 3 } }]);
  });

  it('sorts with the id tie-breaker in key order', () => {
    const keys = mongoSortKeys([{ field: 'rating', direction: 'desc' }, { field: 'id', direction: 'asc' }]);
    expect(Object.entries(sortSpec(keys))).toEqual([['rating', -1], ['_id', 1]]);
  });

  it('continues after a cursor: ascending past null takes every non-null, descending includes the nulls that come last', () => {
    const asc = mongoSortKeys([{ field: 'rating', direction: 'asc' }, { field: 'id', direction: 'asc' }]);
    expect(keysetFilter(asc, [null, 'l7'])).toEqual({
      $or: [{ rating: { $ne: null } }, { $and: [{ rating: null }, { _id: { $gt: 'l7' } }] }],
    });
    const desc = mongoSortKeys([{ field: 'rating', direction: 'desc' }, { field: 'id', direction: 'asc' }]);
    expect(keysetFilter(desc, [2, 'l7'])).toEqual({
      $or: [{ $or: [{ rating: { $lt: 2 } }, { rating: null }] }, { $and: [{ rating: 2 }, { _id: { $gt: 'l7' } }] }],
    });
    expect(keysetFilter(desc, [null, 'l7'])).toEqual({ $or: [{ $and: [{ rating: null }, { _id: { $gt: 'l7' } }] }] });
  });
});

describe('MongoDB position-guarded writes', () => {
  it('guards every write by position and keeps deletes as tombstones', () => {
    expect(bulkOperation({ kind: 'upsert', collection: 'c', doc: { id: 'a', title: 'A' }, position: 5 })).toEqual({
      replaceOne: { filter: { _id: 'a', _position: { $lt: 5 } }, replacement: { title: 'A', _id: 'a', _position: 5 }, upsert: true },
    });
    expect(bulkOperation({ kind: 'delete', collection: 'c', id: 'a', position: 6 })).toEqual({
      replaceOne: { filter: { _id: 'a', _position: { $lt: 6 } }, replacement: { _id: 'a', _deleted: true, _position: 6 }, upsert: true },
    });
    expect(bulkOperation({ kind: 'patch', collection: 'c', id: 'a', fields: { title: 'B' }, position: 7 })).toEqual({
      updateOne: { filter: { _id: 'a', _position: { $lt: 7 }, _deleted: { $ne: true } }, update: { $set: { title: 'B', _position: 7 } } },
    });
  });

  it('skips a write the store already reflects (duplicate key) and carries on with the rest in order', async () => {
    const calls: number[] = [];
    const collection = {
      bulkWrite: async (operations: AnyBulkWriteOperation<StoredDocument>[]) => {
        calls.push(operations.length);
        if (calls.length === 1) throw bulkError([{ code: 11000, index: 1 }]);
        return {};
      },
    } as unknown as Collection<StoredDocument>;
    const operations = [1, 2, 3, 4].map((position) => bulkOperation({ kind: 'upsert', collection: 'c', doc: { id: `d${position}` }, position }));

    await applyInOrder(collection, operations);

    expect(calls).toEqual([4, 2]);
  });

  it('throws any other write error', async () => {
    const collection = { bulkWrite: async () => Promise.reject(bulkError([{ code: 121, index: 0 }])) } as unknown as Collection<StoredDocument>;
    await expect(applyInOrder(collection, [bulkOperation({ kind: 'delete', collection: 'c', id: 'a', position: 1 })])).rejects.toBeInstanceOf(MongoBulkWriteError);
  });
});

/** The driver's constructor is internal; an instance with the fields the adapter reads is enough here. */
function bulkError(writeErrors: { code: number; index: number }[]): MongoBulkWriteError {
  return Object.assign(Object.create(MongoBulkWriteError.prototype) as MongoBulkWriteError, { writeErrors });
}
