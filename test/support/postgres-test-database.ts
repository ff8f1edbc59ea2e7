import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openPostgresCounters, type PostgresCounters } from '../../platform/coordination/postgres-counters';

/**
 * The database PostgreSQL suites may fill and drop schemas in: POSTGRES_TEST_URL (what .ci/run
 * sets), else POSTGRES_URL. Undefined when neither is set: those suites are skipped.
 */
export const postgresTestUrl: string | undefined = process.env.POSTGRES_TEST_URL || process.env.POSTGRES_URL || undefined;

/** A schema name of its own for one test file or run, so parallel jest workers never share tables. */
export function uniqueSchema(purpose: string): string {
  return `${purpose}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** Drops a schema a suite made, with everything in it. */
export async function dropTestSchema(schema: string): Promise<void> {
  if (!postgresTestUrl) return;
  const client = new Client({ connectionString: postgresTestUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema.replace(/"/g, '""')}" CASCADE`);
  } finally {
    await client.end();
  }
}

/**
 * Two processes' shared counters on one schema of their own (opened at once, as two replicas
 * starting together would), closed and dropped after the suite. Call inside a describe.
 */
export function useCounterReplicas(purpose: string): () => readonly PostgresCounters[] {
  const schema = uniqueSchema(purpose);
  let replicas: PostgresCounters[] = [];
  beforeAll(async () => {
    replicas = await Promise.all([0, 1].map(() => openPostgresCounters({ connectionString: postgresTestUrl!, schema })));
  });
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.close()));
    await dropTestSchema(schema);
  });
  return () => replicas;
}
