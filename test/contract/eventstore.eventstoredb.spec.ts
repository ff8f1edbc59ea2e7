import { createEventStoreDbStore } from '../../platform/eventstore/eventstoredb';
import { eventStoreDbStoreOver } from '../../platform/eventstore/eventstoredb/eventstoredb-event-store';
import { FakeEventStoreDbClient } from '../support/fake-eventstoredb-client';
import { eventStoreContract } from './eventstore.contract';

const eventStoreUrl = process.env.EVENTSTORE_URL;

// Against a real server only when one is given (CI service container); every test uses its own streams.
const d = eventStoreUrl ? describe : describe.skip;

d('EventStoreDB adapter', () => {
  eventStoreContract('EventStoreDB', async () => {
    const store = createEventStoreDbStore({ connectionString: eventStoreUrl! });
    return { store, cleanup: () => store.close() };
  });
});

// Everywhere: the adapter and the client's own stream classes over an in-memory server.
eventStoreContract('EventStoreDB (in-memory server)', async () => {
  const store = eventStoreDbStoreOver(new FakeEventStoreDbClient().client);
  return { store, cleanup: () => store.close() };
});
