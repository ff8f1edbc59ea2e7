import type { StreamMetadata } from './port';

/** Refuses caps a store could not apply: maxCount a positive integer, maxAgeSeconds a positive number. */
export function assertStreamCaps(streamId: string, metadata: StreamMetadata): void {
  assertCap(streamId, 'maxCount', metadata.maxCount, Number.isSafeInteger);
  assertCap(streamId, 'maxAgeSeconds', metadata.maxAgeSeconds, Number.isFinite);
}

function assertCap(streamId: string, name: string, value: number | undefined, isValid: (value: number) => boolean): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !isValid(value) || value <= 0) {
    throw new RangeError(`Stream ${streamId}: ${name} must be a positive number, got ${String(value)}`);
  }
}
