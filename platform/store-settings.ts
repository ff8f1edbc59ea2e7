/**
 * Which engine holds the event log and which the read models (README, Configuration). The URLs
 * alone choose as before (EVENTSTORE_URL, MONGODB_URL, then POSTGRES_URL for whatever is left);
 * EVENT_STORE / READ_STORE name the engine outright, and then its URL must be set.
 */
export type EventStoreSettings =
  | { readonly kind: 'sqlite' }
  | { readonly kind: 'eventstoredb'; readonly url: string }
  | PostgresSettings;

/** A PostgreSQL database, and how many connections each of a process's pools may open (POSTGRES_POOL_SIZE). */
export interface PostgresSettings {
  readonly kind: 'postgres';
  readonly url: string;
  readonly schema?: string;
  readonly poolSize: number;
}

export type ReadStoreSettings =
  | { readonly kind: 'sqlite' }
  | { readonly kind: 'mongodb'; readonly url: string; readonly database: string }
  | PostgresSettings;

const EVENT_STORES = ['sqlite', 'eventstoredb', 'postgres'] as const;
const READ_STORES = ['sqlite', 'mongodb', 'postgres'] as const;

export function eventStoreSettings(env: NodeJS.ProcessEnv): EventStoreSettings {
  const kind = engine(env, 'EVENT_STORE', EVENT_STORES) ?? (env.EVENTSTORE_URL ? 'eventstoredb' : env.POSTGRES_URL ? 'postgres' : 'sqlite');
  switch (kind) {
    case 'sqlite':
      return { kind };
    case 'eventstoredb':
      return { kind, url: required(env, 'EVENTSTORE_URL', 'EVENT_STORE=eventstoredb') };
    case 'postgres':
      return postgres(env, 'EVENT_STORE=postgres');
  }
}

export function readStoreSettings(env: NodeJS.ProcessEnv): ReadStoreSettings {
  const kind = engine(env, 'READ_STORE', READ_STORES) ?? (env.MONGODB_URL ? 'mongodb' : env.POSTGRES_URL ? 'postgres' : 'sqlite');
  switch (kind) {
    case 'sqlite':
      return { kind };
    case 'mongodb':
      return { kind, url: required(env, 'MONGODB_URL', 'READ_STORE=mongodb'), database: env.MONGODB_DATABASE || 'goliath' };
    case 'postgres':
      return postgres(env, 'READ_STORE=postgres');
  }
}

const DEFAULT_POOL_SIZE = 5;

function postgres(env: NodeJS.ProcessEnv, because: string): PostgresSettings {
  const poolSize = env.POSTGRES_POOL_SIZE ? Number(env.POSTGRES_POOL_SIZE) : DEFAULT_POOL_SIZE;
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error(`Environment variable POSTGRES_POOL_SIZE must be a positive integer, got "${env.POSTGRES_POOL_SIZE}"`);
  return { kind: 'postgres', url: required(env, 'POSTGRES_URL', because), schema: env.POSTGRES_SCHEMA || undefined, poolSize };
}

function engine<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[]): T | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw new Error(`Environment variable ${name} must be one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

function required(env: NodeJS.ProcessEnv, name: string, because: string): string {
  const value = env[name];
  if (!value) throw new Error(`Environment variable ${name} must be set with ${because}`);
  return value;
}
