import { UPCASTER_REGISTRY } from '../../app/event-upcasters';
import type { RecordedEvent } from '../../platform/eventstore/port';
import { atVersion1, SPELLINGS_BEFORE, STORED_AT_VERSION_1 } from '../../test/support/enum-spellings-v1';
import { eventSchemaVersion } from './index';

const recorded = (stored: (typeof STORED_AT_VERSION_1)[number]): RecordedEvent => ({ ...atVersion1(stored), streamId: stored.streamId, revision: 0, position: 1, recordedAt: '2025-01-01T00:00:00.000Z' });

describe('upcasters of the enum values version 1 spelled its own way', () => {
  it.each(STORED_AT_VERSION_1.map((stored) => [stored.type, stored] as const))('lift %s from version 1 to the latest, every value in the API spelling', (type, stored) => {
    const event = recorded(stored);
    const upcast = UPCASTER_REGISTRY.upcast(event);
    expect(upcast.metadata.schemaVersion).toBe(eventSchemaVersion(type));
    expect(upcast.data).toEqual(stored.upcast);
    expect(JSON.stringify(upcast.data)).not.toMatch(SPELLINGS_BEFORE);
    expect(event.data).toBe(stored.data);
  });

  it('write every type they lift at version 2', () => {
    const types = [...new Set(STORED_AT_VERSION_1.map((stored) => stored.type))].filter((type) => type !== 'UserRegistered');
    expect(types.map((type) => [type, eventSchemaVersion(type)])).toEqual(types.map((type) => [type, 2]));
  });

  it('leave an event written at version 2 as it is', () => {
    const [stored] = STORED_AT_VERSION_1;
    const current = recorded({ ...stored, data: stored.upcast });
    const event = { ...current, metadata: { ...current.metadata, schemaVersion: 2 } };
    expect(UPCASTER_REGISTRY.upcast(event)).toBe(event);
  });
});
