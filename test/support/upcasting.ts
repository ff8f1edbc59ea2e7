import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../../platform/eventstore/port';
import { createUpcasterRegistry, type Upcaster, type UpcasterRegistry } from '../../platform/eventstore/upcasting';
import type { Projection } from '../../projections/projection';

/**
 * A test event whose stored shape changed, for proving that readers fold old events in the new
 * shape: `ParcelWeighed` v1 `{ parcelId, grams }` became v2 `{ parcelId, weight: { value, unit } }`.
 * No domain event has changed shape yet, so this one stands in (streams `parcel-<id>`).
 */
export const PARCEL_WEIGHED = 'ParcelWeighed';
export const parcelStreamId = (parcelId: string): string => `parcel-${parcelId}`;

export interface ParcelWeighedV1 {
  readonly parcelId: string;
  readonly grams: number;
}
export interface ParcelWeighedV2 {
  readonly parcelId: string;
  readonly weight: { readonly value: number; readonly unit: 'g' };
}

export const parcelWeighedV1ToV2: Upcaster<ParcelWeighedV1, ParcelWeighedV2> = {
  eventType: PARCEL_WEIGHED,
  fromVersion: 1,
  upcast: ({ parcelId, grams }) => ({ parcelId, weight: { value: grams, unit: 'g' } }),
};

export const TEST_UPCASTERS: UpcasterRegistry = createUpcasterRegistry([parcelWeighedV1ToV2], { latestVersions: { [PARCEL_WEIGHED]: 2 } });

/** The event as an old writer stored it: version 1 data and metadata. */
export function parcelWeighedAtVersion1(parcelId: string, grams: number, tenantId = 't1'): NewEvent<typeof PARCEL_WEIGHED, ParcelWeighedV1> {
  return parcelEvent({ parcelId, grams }, 1, tenantId);
}

export function parcelWeighedAtVersion2(parcelId: string, grams: number, tenantId = 't1'): NewEvent<typeof PARCEL_WEIGHED, ParcelWeighedV2> {
  return parcelEvent({ parcelId, weight: { value: grams, unit: 'g' } }, 2, tenantId);
}

function parcelEvent<Data>(data: Data, schemaVersion: number, tenantId: string): NewEvent<typeof PARCEL_WEIGHED, Data> {
  const id = randomUUID();
  return { id, type: PARCEL_WEIGHED, data, metadata: { tenantId, actor: 'tester', correlationId: id, causationId: id, occurredAt: new Date().toISOString(), schemaVersion } };
}

/**
 * Knows only version 2 and refuses anything else, so a document in `parcel_weights` proves the
 * event reached it upcast. Fits both the projection runner and replay.
 */
export const parcelWeightsProjection: Projection = {
  name: 'parcel-weights',
  collections: [{ name: 'parcel_weights', indexes: [] }],
  filter: { eventTypes: [PARCEL_WEIGHED] },
  handle(event, context) {
    if (event.metadata.schemaVersion !== 2) throw new Error(`parcel-weights reads ParcelWeighed at version 2, got version ${event.metadata.schemaVersion}`);
    const { parcelId, weight } = event.data as ParcelWeighedV2;
    context.upsert('parcel_weights', { id: parcelId, tenantId: event.metadata.tenantId, value: weight.value, unit: weight.unit });
  },
};
