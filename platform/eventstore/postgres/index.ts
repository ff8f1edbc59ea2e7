export { createPostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
export { PostgresConnectionError } from './postgres-connection-error';
export type { PostgresPoolSettings } from './postgres-connections';
