import { createPostgresReadStore } from '../../platform/readstore/postgres';
import { dropTestSchema, postgresTestUrl, uniqueSchema } from '../support/postgres-test-database';
import { readStoreContract } from './readstore.contract';

/** Runs against a real server only: POSTGRES_TEST_URL or POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/goliath_test). */
const d = postgresTestUrl ? describe : describe.skip;

d('PostgreSQL read store', () => {
  // A schema of its own, dropped after: jest workers running other PostgreSQL suites never share its tables.
  const schema = uniqueSchema('readstore_contract');
  afterAll(() => dropTestSchema(schema));

  readStoreContract(async () => createPostgresReadStore({ connectionString: postgresTestUrl ?? '', schema }));
});
