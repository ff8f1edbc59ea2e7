import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import { eventStoreContract } from './eventstore.contract';

eventStoreContract('SQLite', async () => {
  const directory = mkdtempSync(join(tmpdir(), 'goliath-eventstore-'));
  const store = createSqliteEventStore({ file: join(directory, 'goliath.sqlite') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
});
