import { createEventStoreDbStore } from '../../platform/eventstore/eventstoredb';
import { eventStoreContract } from './eventstore.contract';

const eventStoreUrl = process.env.EVENTSTORE_URL;

// Runs only against a real server (CI service container); every test uses its own streams.
const d = eventStoreUrl ? describe : describe.skip;

d('EventStoreDB adapter', () => {
  eventStoreContract('EventStoreDB', async () => {
    const store = createEventStoreDbStore({ connectionString: eventStoreUrl! });
    return { store, cleanup: () => store.close() };
  });
});
