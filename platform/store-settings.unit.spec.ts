import { eventStoreSettings, readStoreSettings } from './store-settings';

describe('which engines hold the log and the read models', () => {
  it('is the embedded SQLite file when nothing is set', () => {
    expect(eventStoreSettings({})).toEqual({ kind: 'sqlite' });
    expect(readStoreSettings({})).toEqual({ kind: 'sqlite' });
  });

  it('is PostgreSQL for both with POSTGRES_URL alone, in the schema given', () => {
    const env = { POSTGRES_URL: 'postgres://pg/goliath', POSTGRES_SCHEMA: 'acme' };

    expect(eventStoreSettings(env)).toEqual({ kind: 'postgres', url: 'postgres://pg/goliath', schema: 'acme', poolSize: 5 });
    expect(readStoreSettings(env)).toEqual({ kind: 'postgres', url: 'postgres://pg/goliath', schema: 'acme', poolSize: 5 });
    expect(readStoreSettings({ ...env, POSTGRES_POOL_SIZE: '2' })).toMatchObject({ poolSize: 2 });
  });

  it('lets EventStoreDB and MongoDB URLs take their part, PostgreSQL the rest', () => {
    expect(eventStoreSettings({ EVENTSTORE_URL: 'esdb://e', POSTGRES_URL: 'postgres://pg/g' })).toEqual({ kind: 'eventstoredb', url: 'esdb://e' });
    expect(readStoreSettings({ EVENTSTORE_URL: 'esdb://e', POSTGRES_URL: 'postgres://pg/g' })).toMatchObject({ kind: 'postgres' });
    expect(readStoreSettings({ MONGODB_URL: 'mongodb://m', POSTGRES_URL: 'postgres://pg/g' })).toEqual({ kind: 'mongodb', url: 'mongodb://m', database: 'goliath' });
  });

  it('takes EVENT_STORE and READ_STORE outright, over the URLs', () => {
    expect(eventStoreSettings({ EVENT_STORE: 'sqlite', POSTGRES_URL: 'postgres://pg/g' })).toEqual({ kind: 'sqlite' });
    expect(readStoreSettings({ READ_STORE: 'postgres', MONGODB_URL: 'mongodb://m', POSTGRES_URL: 'postgres://pg/g' })).toMatchObject({ kind: 'postgres' });
  });

  it('refuses an engine it does not know, or one named without its URL', () => {
    expect(() => eventStoreSettings({ EVENT_STORE: 'mysql' })).toThrow('EVENT_STORE must be one of sqlite, eventstoredb, postgres, got "mysql"');
    expect(() => readStoreSettings({ READ_STORE: 'postgres' })).toThrow('POSTGRES_URL must be set with READ_STORE=postgres');
    expect(() => eventStoreSettings({ EVENT_STORE: 'eventstoredb' })).toThrow('EVENTSTORE_URL must be set with EVENT_STORE=eventstoredb');
    expect(() => eventStoreSettings({ POSTGRES_URL: 'postgres://pg/g', POSTGRES_POOL_SIZE: '0' })).toThrow('POSTGRES_POOL_SIZE must be a positive integer, got "0"');
  });
});
