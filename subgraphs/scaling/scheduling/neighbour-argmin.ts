/**
 * For every level c of a row of n values, the best other level c' ≠ c with |c − c'| ≤ radius, or
 * −1 when every such level is Infinity. "Best" is the least `primary`, ties to the least
 * `secondary` when given. Both are read from `offset` on, so a DP can pass one row of its table.
 *
 * This is the "change capacity" move of the schedule DPs: any level within one step can change to
 * c. A naive scan costs n × radius; two monotone queues (one sweeping up for the levels below c, one
 * sweeping down for those above) cost O(n) whatever the radius, which keeps the DPs linear in the
 * levels even when the step is unlimited. The level itself is left out because "changing" to the
 * same level is not an action.
 */
export function neighbourArgmin(
  n: number,
  radius: number,
  primary: Float64Array,
  offset: number,
  secondary: Float64Array | undefined,
  into: Int32Array,
): void {
  const better = (i: number, j: number): boolean => {
    const a = primary[offset + i];
    const b = primary[offset + j];
    return a < b || (a === b && secondary !== undefined && secondary[offset + i] < secondary[offset + j]);
  };
  const queue = scratch(n);
  // Upward sweep: window [c − radius, c − 1].
  let head = 0;
  let tail = 0;
  for (let c = 0; c < n; c++) {
    const entering = c - 1;
    if (entering >= 0 && primary[offset + entering] < Infinity) {
      // Levels the newcomer beats can never be a window's best again: they leave the window first.
      while (tail > head && !better(queue[tail - 1], entering)) tail--;
      queue[tail++] = entering;
    }
    while (tail > head && c - queue[head] > radius) head++;
    into[c] = tail > head ? queue[head] : -1;
  }
  // Downward sweep: window [c + 1, c + radius], kept when it beats the level found below.
  head = 0;
  tail = 0;
  for (let c = n - 1; c >= 0; c--) {
    const entering = c + 1;
    if (entering < n && primary[offset + entering] < Infinity) {
      while (tail > head && !better(queue[tail - 1], entering)) tail--;
      queue[tail++] = entering;
    }
    while (tail > head && queue[head] - c > radius) head++;
    if (tail > head && (into[c] < 0 || better(queue[head], into[c]))) into[c] = queue[head];
  }
}

let shared = new Int32Array(0);
/** One queue reused across calls: the DPs call this once per row, thousands of times per schedule. */
function scratch(n: number): Int32Array {
  if (shared.length < n) shared = new Int32Array(n);
  return shared;
}
