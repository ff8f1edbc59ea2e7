import type { StreamMetadata as ServerStreamMetadata } from '@eventstore/db-client';
import type { StreamMetadata } from '../port';

/** The port says `maxAgeSeconds`; EventStoreDB's `$maxAge` is in seconds too. Other keys pass through as custom metadata. */
export function toServerStreamMetadata({ maxAgeSeconds, ...rest }: StreamMetadata): ServerStreamMetadata {
  return maxAgeSeconds === undefined ? { ...rest } : { ...rest, maxAge: maxAgeSeconds };
}

export function toPortStreamMetadata({ maxAge, ...rest }: ServerStreamMetadata): StreamMetadata {
  return maxAge === undefined ? { ...rest } : { ...rest, maxAgeSeconds: maxAge };
}
