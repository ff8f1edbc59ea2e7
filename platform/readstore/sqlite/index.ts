export { createSqliteReadStore, SqliteReadStore, type SqliteReadStoreOptions } from './sqlite-read-store';
