import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';
import type { Counters } from './counters';

export interface PostgresCountersOptions {
  readonly connectionString: string;
  readonly schema?: string;
  /** Connections for counting; each request or sign-in takes one briefly. */
  readonly poolSize?: number;
}

export interface PostgresCounters {
  readonly counters: Counters;
  close(): Promise<void>;
}

/** One table holds every counter: rate-limiter-flexible prefixes each key with its counter's prefix. */
export const COUNTERS_TABLE = 'goliath_counters';

/**
 * Counters every replica shares, in rate-limiter-flexible's PostgreSQL store. Opening creates the
 * schema and the table (rate-limiter-flexible's own statement, through a first limiter), so the
 * counters made afterwards can count at once.
 */
export async function openPostgresCounters(options: PostgresCountersOptions): Promise<PostgresCounters> {
  const pool = new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 4, application_name: 'goliath counters' });
  try {
    if (options.schema) await createSchema(pool, options.schema);
    const table = { storeClient: pool, storeType: 'pool', tableName: COUNTERS_TABLE, schemaName: options.schema };
    await new Promise<void>((resolve, reject) => {
      new RateLimiterPostgres({ ...table, keyPrefix: 'goliath-table', points: 1, duration: 1, clearExpiredByTimeout: false }, (error) => (error ? reject(error) : resolve()));
    });
    return {
      counters: ({ keyPrefix, points, durationSeconds, blockDurationSeconds }) => {
        const limiter = new RateLimiterPostgres({ ...table, tableCreated: true, keyPrefix, points, duration: durationSeconds, blockDuration: blockDurationSeconds });
        return {
          consume: (key, spent) => limiter.consume(storedKey(key), spent),
          get: (key) => limiter.get(storedKey(key)),
          delete: (key) => limiter.delete(storedKey(key)),
        };
      },
      close: () => pool.end(),
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/**
 * Keys are stored hashed: the table's key is a varchar(255) and PostgreSQL text holds no NUL byte,
 * while a username (part of a sign-in key) may be long or contain anything.
 */
function storedKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** Two replicas starting together may both create it: IF NOT EXISTS alone does not stop the second from failing. */
async function createSchema(pool: Pool, schema: string): Promise<void> {
  try {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${quoted(schema)}`);
  } catch (error) {
    if (!ALREADY_CREATED.has((error as { code?: string }).code ?? '')) throw error;
  }
}

/** unique_violation and duplicate_schema: what the loser of a concurrent CREATE SCHEMA gets. */
const ALREADY_CREATED = new Set(['23505', '42P06']);

function quoted(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}
