import { createMongoReadStore } from '../../platform/readstore/mongodb';
import { readStoreContract } from './readstore.contract';

/** Runs against a real server only: MONGODB_URL (e.g. mongodb://localhost:27017/?replicaSet=rs0). */
const d = process.env.MONGODB_URL ? describe : describe.skip;

d('MongoDB read store', () => {
  readStoreContract(async () => createMongoReadStore({ url: process.env.MONGODB_URL ?? '', database: process.env.MONGODB_DATABASE ?? 'goliath_contract' }));
});
