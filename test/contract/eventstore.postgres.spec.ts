import { createPostgresEventStore } from '../../platform/eventstore/postgres';
import { dropTestSchema, postgresTestUrl, uniqueSchema } from '../support/postgres-test-database';
import { eventStoreContract } from './eventstore.contract';

const url = postgresTestUrl;

// Runs only against a real server; this file's tables live in a schema of its own, dropped after.
const d = url ? describe : describe.skip;

d('PostgreSQL adapter', () => {
  const schema = uniqueSchema('es_contract');

  afterAll(async () => {
    await dropTestSchema(schema);
  });

  eventStoreContract('PostgreSQL', async () => {
    const store = createPostgresEventStore({ connectionString: url!, schema });
    return { store, cleanup: () => store.close() };
  });
});
