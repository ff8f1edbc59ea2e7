export { createMongoReadStore, MongoReadStore, type MongoReadStoreOptions } from './mongo-read-store';
