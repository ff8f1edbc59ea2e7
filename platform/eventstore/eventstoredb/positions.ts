import type { Position } from '@eventstore/db-client';

/** The server reports "no position" as the largest unsigned 64-bit value (the .NET client's -1). */
const NO_POSITION = 2n ** 64n - 1n;

/**
 * The port's global position is the commit position. Without explicit transactions (which the
 * gRPC API cannot write) commit and prepare positions of an event are equal, so a number is
 * enough to resume from.
 */
export function toPortPosition(commit: bigint | undefined): number | undefined {
  if (commit === undefined || commit < 0n || commit === NO_POSITION) return undefined;
  if (commit > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`Commit position ${commit} exceeds a safe JavaScript number`);
  return Number(commit);
}

export function toServerPosition(position: number): Position {
  const value = BigInt(position);
  return { commit: value, prepare: value };
}
