/**
 * Binary encoding of an integer slack s ∈ [0, M] with ⌊log₂M⌋ + 1 bits: units 1, 2, 4, …,
 * 2^(K−2) and a last unit M − (2^(K−1) − 1). Every integer 0..M is representable and nothing
 * above M is, so the slack can never make up for a violated constraint. M = 0 needs no bits.
 */
export function slackUnits(range: number): number[] {
  if (!Number.isSafeInteger(range) || range < 0) throw new RangeError(`a slack range must be a safe integer ≥ 0, got ${range}`);
  if (range === 0) return [];
  // Counted rather than Math.log2, which rounds 2^40 − 1 up to 40 and would add a bit worth 0.
  let bitCount = 1;
  while (2 ** bitCount <= range) bitCount++;
  const units: number[] = [];
  for (let k = 0; k < bitCount - 1; k++) units.push(2 ** k);
  units.push(range - (2 ** (bitCount - 1) - 1));
  return units;
}

/** The bits (one per unit) that encode `value` ∈ [0, Σ units] in the encoding above. */
export function slackBits(value: number, units: readonly number[]): number[] {
  const bits = new Array<number>(units.length).fill(0);
  if (units.length === 0) return bits;
  const last = units.length - 1;
  let rest = value;
  // The power-of-two prefix covers 0..2^last − 1; anything above needs the last unit.
  if (rest > 2 ** last - 1) {
    bits[last] = 1;
    rest -= units[last];
  }
  for (let k = 0; k < last; k++) {
    bits[k] = Math.floor(rest / 2 ** k) % 2;
  }
  return bits;
}

/**
 * The rule for inequalities: coefficients are scaled by the smallest power of ten, up to 10⁶,
 * that makes all of them integers (1 when they already are); undefined when none does. The slack
 * then moves in steps of 1/scale in the constraint's own units.
 */
export function integerScale(coefficients: readonly number[]): number | undefined {
  for (let scale = 1; scale <= 1e6; scale *= 10) {
    if (coefficients.every((a) => Math.abs(a * scale - Math.round(a * scale)) <= 1e-9 * Math.max(1, Math.abs(a * scale)))) return scale;
  }
  return undefined;
}
