export { createPostgresReadStore, PostgresReadStore, type PostgresReadStoreOptions } from './pg-read-store';
