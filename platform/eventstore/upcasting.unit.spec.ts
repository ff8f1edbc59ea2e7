import type { RecordedEvent } from './port';
import { createUpcasterRegistry, NO_UPCASTERS, type Upcaster } from './upcasting';

/** PriceSet: v1 `{ cents }`, v2 `{ amount, currency }` (currency assumed), v3 `{ amount, currency, source }`. */
const v1ToV2: Upcaster<{ cents: number }, { amount: number; currency: string }> = {
  eventType: 'PriceSet',
  fromVersion: 1,
  upcast: (data) => ({ amount: data.cents / 100, currency: 'EUR' }),
};
const v2ToV3: Upcaster<{ amount: number; currency: string }, { amount: number; currency: string; source: string }> = {
  eventType: 'PriceSet',
  fromVersion: 2,
  upcast: (data, metadata) => ({ ...data, source: metadata.actor }),
};

function stored(type: string, schemaVersion: number, data: unknown): RecordedEvent {
  return deepFreeze({
    id: `${type}-${schemaVersion}`,
    type,
    data,
    metadata: { tenantId: 't1', actor: 'alice', correlationId: 'c', causationId: 'c', occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion },
    streamId: 'price-1',
    revision: 0,
    position: 7,
    recordedAt: '2026-01-01T00:00:00.000Z',
  });
}

/** Frozen, so an upcast that wrote into the stored event would throw in strict mode. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('createUpcasterRegistry', () => {
  const registry = createUpcasterRegistry([v2ToV3, v1ToV2]);

  it('lifts an event through every version to the latest, whatever order the upcasters were given in', () => {
    const event = stored('PriceSet', 1, { cents: 1250 });
    expect(registry.upcast(event)).toEqual({
      ...event,
      data: { amount: 12.5, currency: 'EUR', source: 'alice' },
      metadata: { ...event.metadata, schemaVersion: 3 },
    });
  });

  it('starts the chain at the stored version', () => {
    const event = stored('PriceSet', 2, { amount: 3, currency: 'USD' });
    expect(registry.upcast(event)).toMatchObject({ data: { amount: 3, currency: 'USD', source: 'alice' }, metadata: { schemaVersion: 3 } });
  });

  it('leaves the stored event as it was', () => {
    const event = stored('PriceSet', 1, { cents: 100 });
    const copy = structuredClone(event);
    const upcast = registry.upcast(event);
    expect(upcast).not.toBe(event);
    expect(event).toEqual(copy);
  });

  it('returns the very event when there is nothing to lift: at the latest version, of a type without upcasters, or newer than the chain', () => {
    const latest = stored('PriceSet', 3, { amount: 1, currency: 'EUR', source: 'bob' });
    const otherType = stored('PriceRemoved', 1, {});
    const newer = stored('PriceSet', 4, { whatever: true });
    expect(registry.upcast(latest)).toBe(latest);
    expect(registry.upcast(otherType)).toBe(otherType);
    expect(registry.upcast(newer)).toBe(newer);
  });

  it('refuses an event stored below the first version its chain lifts', () => {
    const fromTwo = createUpcasterRegistry([v2ToV3]);
    expect(() => fromTwo.upcast(stored('PriceSet', 1, { cents: 1 }))).toThrow('PriceSet at position 7 is stored at version 1; its upcasters start at version 2');
  });

  it('refuses two upcasters from the same version of a type', () => {
    expect(() => createUpcasterRegistry([v1ToV2, { ...v1ToV2 }])).toThrow('Two upcasters lift PriceSet from version 1');
  });

  it('refuses a gap in a chain', () => {
    const v3ToV4: Upcaster = { eventType: 'PriceSet', fromVersion: 3, upcast: (data) => data };
    expect(() => createUpcasterRegistry([v1ToV2, v3ToV4])).toThrow('No upcaster lifts PriceSet from version 2 (the chain jumps to 3)');
  });

  it('refuses a version that is not a positive integer', () => {
    expect(() => createUpcasterRegistry([{ ...v1ToV2, fromVersion: 0 }])).toThrow('fromVersion must be an integer of 1 or more, not 0');
  });

  describe('checked against the versions writers stamp', () => {
    it('accepts chains that reach each latest version from version 1', () => {
      expect(() => createUpcasterRegistry([v1ToV2, v2ToV3], { latestVersions: { PriceSet: 3, PriceRemoved: 1 } })).not.toThrow();
    });

    it('refuses a type written above version 1 without a chain from version 1', () => {
      expect(() => createUpcasterRegistry([], { latestVersions: { PriceSet: 2 } })).toThrow('PriceSet is written at version 2, but no upcaster lifts it from version 1');
      expect(() => createUpcasterRegistry([v2ToV3], { latestVersions: { PriceSet: 3 } })).toThrow('no upcaster lifts it from version 1');
    });

    it('refuses a chain that stops short of, or goes past, the latest version, or lifts an unknown type', () => {
      expect(() => createUpcasterRegistry([v1ToV2], { latestVersions: { PriceSet: 3 } })).toThrow('The upcasters of PriceSet reach version 2, but it is written at version 3');
      expect(() => createUpcasterRegistry([v1ToV2, v2ToV3], { latestVersions: { PriceSet: 2 } })).toThrow('reach version 3, but it is written at version 2');
      expect(() => createUpcasterRegistry([v1ToV2], { latestVersions: {} })).toThrow('Upcasters lift PriceSet, which is not a known event type');
    });
  });
});

describe('NO_UPCASTERS', () => {
  it('returns every event itself', () => {
    const event = stored('PriceSet', 1, { cents: 1 });
    expect(NO_UPCASTERS.upcast(event)).toBe(event);
  });
});
