import type { EventStoreDBClient } from '@eventstore/db-client';

/** The calls the adapter makes on the client: what a stand-in must answer in tests (test/support/fake-eventstoredb-client.ts). */
export type EsdbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'setStreamMetadata' | 'getStreamMetadata' | 'dispose'
>;
