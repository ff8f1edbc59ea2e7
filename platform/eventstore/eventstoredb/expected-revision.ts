import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type CurrentRevision,
} from '@eventstore/db-client';
import type { ExpectedRevision } from '../port';
import { WrongExpectedRevisionError } from '../port';

export function toServerExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no-stream':
      return NO_STREAM;
    case 'stream-exists':
      return STREAM_EXISTS;
    default:
      return BigInt(expected);
  }
}

export function toPortRevision(current: CurrentRevision): number | 'no-stream' {
  return current === NO_STREAM ? 'no-stream' : Number(current);
}

/** Turns the client's conflict error into the port's; anything else passes through unchanged. */
export function translateAppendError(error: unknown, streamId: string, expected: ExpectedRevision): unknown {
  if (!(error instanceof WrongExpectedVersionError)) return error;
  return new WrongExpectedRevisionError(streamId, expected, toPortRevision(error.actualVersion));
}
