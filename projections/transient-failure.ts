import { WrongExpectedRevisionError } from '../platform/eventstore/port';
import { ProjectionFailedError } from './projection-failed-error';

/** SQLite result codes (extended ones start with these) of a store that is busy, full or failing underneath, not of a bad event. */
const TRANSIENT_SQLITE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|NOMEM|PROTOCOL|CANTOPEN)/;
/** System errors of a full disk, a busy resource or a lost connection. */
const TRANSIENT_SYSTEM = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EAGAIN', 'EBUSY', 'EMFILE', 'ENFILE', 'ENOMEM', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN']);
/** The MongoDB driver's errors of an unreachable, stepping-down or overloaded server. */
const TRANSIENT_MONGO_NAMES = new Set(['MongoNetworkError', 'MongoNetworkTimeoutError', 'MongoServerSelectionError', 'MongoNotConnectedError', 'MongoTopologyClosedError', 'MongoWriteConcernError', 'MongoPoolClearedError']);
const TRANSIENT_MONGO_LABELS = ['RetryableWriteError', 'TransientTransactionError', 'ResetPool'];
/** Server codes: HostUnreachable, HostNotFound, NetworkTimeout, ShutdownInProgress, PrimarySteppedDown, ExceededTimeLimit, SocketException, NotWritablePrimary, InterruptedAtShutdown, InterruptedDueToReplStateChange, NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary, WriteConcernFailed. */
const TRANSIENT_MONGO_CODES = new Set([6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436, 64]);
/** @eventstore/db-client's error types of a node that cannot serve right now. */
const TRANSIENT_ESDB_TYPES = new Set(['timeout', 'deadline-exceeded', 'unavailable', 'cancelled', 'not-leader']);

interface ErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly type?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly hasErrorLabel?: unknown;
}

/**
 * Whether an error will likely go away by itself (retry the batch with backoff) rather than
 * follow one event wherever it is folded (park that event). A handler's error is the event's
 * unless what it wraps is one of these (a handler's read can meet a busy store too).
 */
export function isTransientFailure(error: unknown, depth = 0): boolean {
  if (depth > 5) return false;
  if (error instanceof ProjectionFailedError) return isTransientFailure(error.cause, depth + 1);
  if (error instanceof WrongExpectedRevisionError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as ErrorShape;
  if (typeof shape.code === 'string' && (TRANSIENT_SQLITE.test(shape.code) || TRANSIENT_SYSTEM.has(shape.code))) return true;
  if (typeof shape.name === 'string' && shape.name.startsWith('Mongo') && isTransientMongo(shape)) return true;
  if (typeof shape.type === 'string' && typeof shape.name === 'string' && shape.name.endsWith('Error') && TRANSIENT_ESDB_TYPES.has(shape.type)) return true;
  // better-sqlite3 on a closed connection (a store closed under a running projection): not the event's fault.
  if (error instanceof TypeError && /database connection is not open/.test(String(shape.message))) return true;
  return shape.cause !== undefined && isTransientFailure(shape.cause, depth + 1);
}

function isTransientMongo(shape: ErrorShape): boolean {
  if (TRANSIENT_MONGO_NAMES.has(shape.name as string)) return true;
  if (typeof shape.code === 'number' && TRANSIENT_MONGO_CODES.has(shape.code)) return true;
  const hasLabel = shape.hasErrorLabel;
  return typeof hasLabel === 'function' && TRANSIENT_MONGO_LABELS.some((label) => (hasLabel as (label: string) => boolean).call(shape, label));
}
