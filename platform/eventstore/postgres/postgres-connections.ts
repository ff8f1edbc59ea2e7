import { Pool, type PoolClient, type PoolConfig, type QueryResultRow } from 'pg';
import { describeServer, isConnectionFailure, PostgresConnectionError } from './postgres-connection-error';

/** node-postgres pool settings the store lets callers tune; the connection itself comes from the connection string. */
export type PostgresPoolSettings = Pick<PoolConfig, 'max' | 'idleTimeoutMillis' | 'connectionTimeoutMillis'>;

/** A server that does not answer fails the operation after this long instead of waiting on TCP's own timeout. */
const DEFAULT_CONNECTION_TIMEOUT_MS = 10_000;

const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

/** The store's pool: every query and transaction goes through it, so every connection failure names the server. */
export class PostgresConnections {
  readonly server: string;
  private readonly pool: Pool;

  constructor(
    connectionString: string,
    settings: PostgresPoolSettings,
    /** What pg_stat_activity shows for these connections. */
    applicationName: string,
  ) {
    this.server = describeServer(connectionString);
    this.pool = new Pool({
      connectionTimeoutMillis: DEFAULT_CONNECTION_TIMEOUT_MS,
      ...settings,
      connectionString,
      application_name: applicationName,
      // A process frozen inside a transaction (stopped, its host cut off) would hold the append lock, and so
      // the whole log, until TCP gave up on it; the server ends such a session after this instead.
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    });
    // An idle connection the server closed (restart, idle timeout) is already out of the pool and
    // the next query opens a fresh one; without a listener the 'error' event would end the process.
    this.pool.on('error', () => undefined);
  }

  async query<Row extends QueryResultRow>(text: string, values?: unknown[]): Promise<Row[]> {
    return this.withClient(async (client) => (await client.query<Row>(text, values)).rows);
  }

  /**
   * Runs `work` on one connection of the pool. A connection that failed is closed rather than
   * returned to the pool, and its failure is reported as a PostgresConnectionError.
   */
  async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.connect();
    let broken: Error | undefined;
    // A connection lost between two queries is reported on the client, not on a query; unheard, it would end the process.
    const onError = (error: Error) => (broken = error);
    client.on('error', onError);
    try {
      return await work(client);
    } catch (error) {
      if (broken || isConnectionFailure(error)) {
        broken ??= error as Error;
        throw new PostgresConnectionError(this.server, 'query', error);
      }
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }

  /** A connection of its own for the caller to hold (LISTEN); it must `release()` it, with the error if it broke. */
  async connect(): Promise<PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw new PostgresConnectionError(this.server, 'connect', error);
    }
  }

  async end(): Promise<void> {
    await this.pool.end();
  }
}
