export { createSqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';
export { EventIdConflictError } from '../event-id-conflict-error';
