import { DatabaseError } from 'pg';

/**
 * A PostgreSQL server that could not be reached, refused the sign-in or dropped the connection.
 * The message names the server as `host:port/database`, never the password: it goes to logs and
 * to operators, and pg's own errors (ECONNREFUSED from an AggregateError has no message at all)
 * do not say which server was meant.
 */
export class PostgresConnectionError extends Error {
  /** The driver's code: a Node error code (`ECONNREFUSED`) or a SQLSTATE (`28P01`). */
  readonly code: string | undefined;

  constructor(
    readonly server: string,
    during: 'connect' | 'query',
    cause: unknown,
  ) {
    const code = codeOf(cause);
    const reason = (cause instanceof Error && cause.message) || code || String(cause);
    super(`${during === 'connect' ? 'Cannot connect to' : 'Lost the connection to'} PostgreSQL at ${server}: ${reason}`);
    this.name = 'PostgresConnectionError';
    this.code = code;
  }
}

/** Whether an error from the driver means the connection (not the statement) failed. */
export function isConnectionFailure(error: unknown): boolean {
  // 08: connection exception, 28: authorisation, 3D: no such database, 57P: server shutting down or connection terminated.
  if (error instanceof DatabaseError) return /^(08|28|3D|57P)/.test(error.code ?? '');
  if (!(error instanceof Error)) return false;
  // A socket error (ECONNRESET, ETIMEDOUT…) or the driver's own word for a closed connection.
  return 'syscall' in error || /^Connection terminated/.test(error.message);
}

/** `host:port/database` of a connection string, for messages: the user and password are left out. */
export function describeServer(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    const host = url.searchParams.get('host') ?? (decodeURIComponent(url.hostname) || 'localhost');
    const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
    return `${host}:${url.port || '5432'}${database ? `/${database}` : ''}`;
  } catch {
    // Not a URL (pg also takes `host=… dbname=…`): say no more than that, since it may hold a password.
    return 'the configured server';
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
