import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

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
