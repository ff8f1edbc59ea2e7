import type { Pool, PoolClient } from 'pg';
import { numbered, type SqlFragment } from './pg-query';

/** Runs a statement of `?`-placeholder fragments. */
export async function run<R>(client: Pool | PoolClient, statement: SqlFragment): Promise<R[]> {
  return (await client.query(numbered(statement.sql), [...statement.params])).rows as R[];
}

/** Runs the work in one transaction on one pooled connection: committed when it resolves, rolled back when it throws. */
export async function inTransaction<R>(pool: Pool, work: (client: PoolClient) => Promise<R>, begin = 'BEGIN'): Promise<R> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is not handed to the next caller.
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
    throw error;
  } finally {
    client.release(broken);
  }
}
