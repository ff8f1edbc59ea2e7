import type { MongoClient } from 'mongodb';
import { FakeMongoDatabase } from '../../../test/support/fake-mongo-database';
import { InvalidReadQueryError } from '../invalid-read-query-error';
import type { Checkpoint, ReadDocument, WriteOperation } from '../port';
import { MongoReadStore } from './mongo-read-store';

/**
 * The MongoDB read store's commits, against a database that answers as the server does (none can
 * run here; the contract suite runs against a real one when MONGODB_URL is set).
 */
describe('MongoDB read store commits', () => {
  const upsert = (doc: ReadDocument, position: number): WriteOperation => ({ kind: 'upsert', collection: 'listings', doc, position });
  const at = (position: number): Checkpoint => ({ position, version: 1 });

  let server: FakeMongoDatabase;
  const openStore = () => new MongoReadStore({ close: async () => undefined } as unknown as MongoClient, server.db);

  beforeEach(async () => {
    server = new FakeMongoDatabase();
    await openStore().defineCollections([{ name: 'listings', indexes: ['rating', 'meta.rank'] }]);
  });

  it('answers a redelivered commit with one bulk write and the checkpoint', async () => {
    // Given a commit of 100 listings
    const store = openStore();
    const batch = Array.from({ length: 100 }, (_, i) => upsert({ id: `l${i}`, rating: i }, i + 1));
    await store.commit('listings-projection', batch, at(100));
    const calls = server.calls.length;

    // When it is delivered again
    await store.commit('listings-projection', batch, at(100));

    // Then it took two round trips, and nothing changed
    expect(server.calls.slice(calls)).toEqual(['rm_listings.bulkWrite', 'rm_checkpoints.updateOne']);
    expect(server.documents('rm_listings')).toHaveLength(100);
  });

  it("records a field's kind once, under a key without dots, and refuses another kind before writing anything", async () => {
    // Given a first commit: it records the kinds of the index fields it sets
    const store = openStore();
    await store.commit('listings-projection', [upsert({ id: 'a', rating: 3, meta: { rank: 'gold' } }, 1)], at(1));
    expect(server.documents('rm_collections')[0].kinds).toEqual({ rating: 'number', 'meta:rank': 'string' });

    // When a commit gives the rating a string
    const calls = server.calls.length;
    await expect(store.commit('listings-projection', [upsert({ id: 'b', rating: 1 }, 2), upsert({ id: 'c', rating: 'high' }, 3)], at(3))).rejects.toThrow(
      /Field "rating" of listings holds number values, so a string cannot be written/,
    );

    // Then nothing was written: the spec was only read again, as a reset elsewhere may have freed the field
    expect(server.calls.slice(calls)).toEqual(['rm_collections.findOne']);
    expect(server.documents('rm_listings').map((doc) => doc._id)).toEqual(['a']);
  });

  it('checks again against the stored kinds when another process recorded one first', async () => {
    // Given a store that has read the spec before any kind was recorded
    const store = openStore();
    await store.commit('listings-projection', [upsert({ id: 'a' }, 1)], at(1));
    // And another process that records ratings as strings
    await openStore().commit('other-projection', [upsert({ id: 'b', rating: 'high' }, 2)], at(2));

    // When the store writes a number rating, then its conditional record matches nothing and the fresh kinds refuse it
    await expect(store.commit('listings-projection', [upsert({ id: 'c', rating: 3 }, 3)], at(3))).rejects.toBeInstanceOf(InvalidReadQueryError);
    expect(server.documents('rm_listings').map((doc) => doc._id)).toEqual(['a', 'b']);
  });

  it('takes a new kind after another process reset the collection, though its own cache still holds the old one', async () => {
    // Given a store that knows ratings as numbers
    const store = openStore();
    await store.commit('listings-projection', [upsert({ id: 'a', rating: 3 }, 1)], at(1));
    // When another process resets the collection and the store writes a string rating
    await openStore().reset('listings-projection', ['listings']);
    await store.commit('listings-projection', [upsert({ id: 'a', rating: 'high' }, 1)], at(1));

    // Then it is written, and strings are the kind from now on
    expect(server.documents('rm_listings')).toEqual([{ _id: 'a', rating: 'high', _position: 1 }]);
    expect(server.documents('rm_collections')[0].kinds).toEqual({ rating: 'string' });
  });
});
