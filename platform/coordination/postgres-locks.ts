import { createHash } from 'node:crypto';
import { Client } from 'pg';
import type { Locks } from './locks';

export interface PostgresLocksOptions {
  readonly connectionString: string;
  /** Keeps the locks of two Goliaths sharing one database (in different schemas) apart. */
  readonly schema?: string;
  /** How often a held lock's connection is checked, and how long the check may take. */
  readonly probeIntervalMs?: number;
}

const DEFAULT_PROBE_INTERVAL_MS = 2_000;

/**
 * Session advisory locks: each lock lives on a connection of its own, kept open while it is held.
 * When the process dies the server ends the session and the lock with it, so another replica can
 * take over; when the connection dies under a live process, `lost` tells it to stop the work.
 */
export function postgresLocks(options: PostgresLocksOptions): Locks {
  const probeIntervalMs = options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
  // A connection per name, kept between attempts so a standby does not reconnect every few seconds.
  const connections = new Map<string, LockConnection>();
  const connectionFor = async (name: string): Promise<LockConnection> => {
    const existing = connections.get(name);
    if (existing && !existing.closed) return existing;
    const connection = await LockConnection.open(options.connectionString, name, probeIntervalMs);
    connections.set(name, connection);
    return connection;
  };
  return {
    async tryAcquire(name) {
      // Advisory locks are re-entrant within a session: a second holder in this process must be refused here.
      if (connections.get(name)?.holding) return undefined;
      const connection = await connectionFor(name);
      const key = lockKey(options.schema, name);
      const { rows } = await connection.client.query<{ granted: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS granted', [key]);
      if (!rows[0]?.granted) return undefined;
      connection.watch();
      return {
        lost: connection.lost,
        async release() {
          connections.delete(name);
          await connection.client.query('SELECT pg_advisory_unlock($1::bigint)', [key]).catch(() => undefined);
          await connection.close();
        },
      };
    },
    async close() {
      await Promise.all([...connections.values()].map((connection) => connection.close()));
      connections.clear();
    },
  };
}

/** The 64-bit advisory lock key of a name: the first eight bytes of a SHA-256 of `schema:name`. */
export function lockKey(schema: string | undefined, name: string): string {
  return createHash('sha256').update(`${schema ?? 'public'}:${name}`).digest().readBigInt64BE(0).toString();
}

class LockConnection {
  closed = false;
  holding = false;
  readonly lost: Promise<Error>;
  private declareLost!: (error: Error) => void;
  private probe?: NodeJS.Timeout;

  private constructor(readonly client: Client, private readonly probeIntervalMs: number) {
    this.lost = new Promise<Error>((resolve) => (this.declareLost = resolve));
    client.on('error', (error) => this.fail(error));
    client.on('end', () => this.fail(new Error('the lock connection closed')));
  }

  static async open(connectionString: string, name: string, probeIntervalMs: number): Promise<LockConnection> {
    const client = new Client({
      connectionString,
      application_name: `goliath lock ${name}`.slice(0, 63),
      keepAlive: true,
      connectionTimeoutMillis: probeIntervalMs * 2,
      // A check that hangs (a half-open connection) counts as a dead connection.
      query_timeout: probeIntervalMs * 2,
    });
    // Without a listener an error while connecting would be thrown as an uncaught 'error' event.
    client.on('error', () => undefined);
    await client.connect();
    return new LockConnection(client, probeIntervalMs);
  }

  /** Checks the connection while the lock is held: a lock on a dead connection is no longer ours. */
  watch(): void {
    this.holding = true;
    this.probe = setInterval(() => {
      this.client.query('SELECT 1').catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))));
    }, this.probeIntervalMs);
    this.probe.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.probe);
    await this.client.end().catch(() => undefined);
  }

  private fail(error: Error): void {
    if (this.closed) return;
    this.declareLost(error);
    void this.close();
  }
}
