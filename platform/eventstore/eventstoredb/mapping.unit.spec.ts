import { ANY, NO_STREAM, STREAM_EXISTS, WrongExpectedVersionError } from '@eventstore/db-client';
import { WrongExpectedRevisionError } from '../port';
import { toServerExpectedRevision, translateAppendError } from './expected-revision';
import { toPortPosition, toServerPosition } from './positions';
import { toServerFilter } from './server-filter';
import { toPortStreamMetadata, toServerStreamMetadata } from './stream-metadata-mapping';

/** The translations between the port and the EventStoreDB client, checked without a server. */
describe('EventStoreDB adapter mapping', () => {
  const noCheckpoints = () => undefined;

  it('maps each expected-revision kind to the client constant', () => {
    expect(['any', 'no-stream', 'stream-exists', 7].map((kind) => toServerExpectedRevision(kind as never))).toEqual([
      ANY,
      NO_STREAM,
      STREAM_EXISTS,
      7n,
    ]);
  });

  it('turns the client conflict error into the port error with the actual revision', () => {
    const clientError = new WrongExpectedVersionError(undefined, { streamName: 'order-1', expected: 0n, current: 3n });
    const missingStream = new WrongExpectedVersionError(undefined, { streamName: 'order-2', expected: STREAM_EXISTS, current: NO_STREAM });

    const translated = translateAppendError(clientError, 'order-1', 0);

    expect(translated).toBeInstanceOf(WrongExpectedRevisionError);
    expect(translated).toMatchObject({ streamId: 'order-1', expected: 0, actual: 3 });
    expect(translateAppendError(missingStream, 'order-2', 'stream-exists')).toMatchObject({ actual: 'no-stream' });
  });

  it('passes other errors through unchanged', () => {
    const other = new Error('unavailable');

    expect(translateAppendError(other, 'order-1', 'any')).toBe(other);
  });

  it('uses the commit position as the global position and resumes with it as both halves', () => {
    expect(toPortPosition(1234n)).toBe(1234);
    expect(toPortPosition(2n ** 64n - 1n)).toBeUndefined();
    expect(toPortPosition(undefined)).toBeUndefined();
    expect(toServerPosition(1234)).toEqual({ commit: 1234n, prepare: 1234n });
  });

  it('filters on stream prefixes when categories are given', () => {
    expect(toServerFilter({ categories: ['tenant', 'audit'], eventTypes: ['TenantCreated'] }, noCheckpoints)).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['tenant-', 'audit-'],
    });
  });

  it('filters on exact event types with an anchored, escaped regex', () => {
    const filter = toServerFilter({ eventTypes: ['TenantCreated', 'Odd.Type+'] }, noCheckpoints);

    expect(filter).toMatchObject({ filterOn: 'eventType', regex: '^(?:TenantCreated|Odd\\.Type\\+)$' });
    const regex = new RegExp((filter as { regex: string }).regex);
    expect(['TenantCreated', 'TenantCreatedV2', 'Odd.Type+', 'OddxType+'].map((type) => regex.test(type))).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('excludes system events when nothing is filtered, and always asks for checkpoints', () => {
    const filter = toServerFilter(undefined, noCheckpoints);

    expect(filter).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*', checkpointInterval: 1, checkpointReached: noCheckpoints });
  });

  it('names the age cap maxAgeSeconds on the port and maxAge on the server, keeping custom keys', () => {
    expect(toServerStreamMetadata({ maxCount: 5, maxAgeSeconds: 60, owner: 'tenant-1' })).toEqual({ maxCount: 5, maxAge: 60, owner: 'tenant-1' });
    expect(toPortStreamMetadata({ maxCount: 5, maxAge: 60, owner: 'tenant-1' })).toEqual({ maxCount: 5, maxAgeSeconds: 60, owner: 'tenant-1' });
  });
});
