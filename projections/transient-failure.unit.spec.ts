import Database from 'better-sqlite3';
import type { RecordedEvent } from '../platform/eventstore/port';
import { WrongExpectedRevisionError } from '../platform/eventstore/port';
import { ProjectionFailedError } from './projection-failed-error';
import { isTransientFailure } from './transient-failure';

const event = { id: 'e1', type: 'JobQueued', streamId: 'job-1', position: 7 } as RecordedEvent;
const coded = (code: string, message = code) => Object.assign(new Error(message), { code });
const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

describe('transient failures (retry the batch) versus an event that fails by itself (park it)', () => {
  it.each([
    ['a busy SQLite database', new Database.SqliteError('database is locked', 'SQLITE_BUSY')],
    ['a locked table', new Database.SqliteError('database table is locked', 'SQLITE_LOCKED')],
    ['a full SQLite database', new Database.SqliteError('database or disk is full', 'SQLITE_FULL')],
    ['an SQLite I/O error', new Database.SqliteError('disk I/O error', 'SQLITE_IOERR_WRITE')],
    ['a full disk', coded('ENOSPC', 'ENOSPC: no space left on device, write')],
    ['a refused connection', coded('ECONNREFUSED')],
    ['a MongoDB network error', named('MongoNetworkError')],
    ['no MongoDB server to select', named('MongoServerSelectionError')],
    ['a MongoDB primary stepping down', named('MongoServerError', { code: 189 })],
    ['a MongoDB error labelled retryable', named('MongoServerError', { code: 1, hasErrorLabel: (label: string) => label === 'RetryableWriteError' })],
    ['an unavailable EventStoreDB node', named('UnavailableError', { type: 'unavailable' })],
    ['an EventStoreDB follower', named('NotLeaderError', { type: 'not-leader' })],
    ['a lost race for the audit chain tail', new WrongExpectedRevisionError('audit-acme', 3, 4)],
    ['a closed connection', new TypeError('The database connection is not open')],
    ['a busy store met inside a handler', new ProjectionFailedError('tenants', event, new Database.SqliteError('database is locked', 'SQLITE_BUSY'))],
    ['a cause that is transient', new Error('commit failed', { cause: coded('ENOSPC') })],
  ])('retries %s', (_case, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    ['a handler that cannot parse the event', new ProjectionFailedError('tenants', event, new TypeError("Cannot read properties of undefined (reading 'tenantId')"))],
    ['JSON nested deeper than SQLite reads', new Database.SqliteError('malformed JSON', 'SQLITE_ERROR')],
    ['a constraint the row breaks', new Database.SqliteError('UNIQUE constraint failed', 'SQLITE_CONSTRAINT_UNIQUE')],
    ['a document MongoDB refuses', named('MongoServerError', { code: 17419 })],
    ['an EventStoreDB append too large', named('MaxAppendSizeExceededError', { type: 'maximum-append-size-exceeded' })],
    ['a thrown string', 'boom'],
  ])('parks %s', (_case, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });
});
