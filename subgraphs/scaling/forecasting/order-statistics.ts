/**
 * A multiset drawn from a list of values known in advance, filled one value at a time, that
 * answers "the k-th smallest so far" in O(log n): a Fenwick tree over the values' ranks. The
 * adaptive conformal level (adaptive-coverage.ts) needs a quantile of the scores seen before each
 * of a hundred origins; sorting afresh each time cost more than every model fit together.
 */
export class GrowingOrderStatistics {
  private readonly ascending: number[];
  private readonly rankOf: Int32Array;
  private readonly tree: Int32Array;
  private added = 0;

  constructor(values: readonly number[]) {
    // Typed-array sorts are numeric and native; ties get consecutive ranks from their lower bound.
    this.ascending = Array.from(Float64Array.from(values).sort());
    this.rankOf = new Int32Array(values.length);
    const tiesTaken = new Int32Array(values.length);
    values.forEach((value, i) => {
      const lowest = lowerBound(this.ascending, value);
      this.rankOf[i] = lowest + tiesTaken[lowest]++;
    });
    this.tree = new Int32Array(values.length + 1);
  }

  get count(): number {
    return this.added;
  }

  /** Adds `values[valueIndex]` (each index at most once). */
  add(valueIndex: number): void {
    for (let i = this.rankOf[valueIndex] + 1; i < this.tree.length; i += i & -i) this.tree[i] += 1;
    this.added += 1;
  }

  /** The k-th smallest value added (1-based), by descending the tree for the first rank with k values at or below it. */
  kth(k: number): number {
    let position = 0;
    let remaining = k;
    for (let step = 1 << Math.floor(Math.log2(this.tree.length)); step > 0; step >>= 1) {
      const next = position + step;
      if (next < this.tree.length && this.tree[next] < remaining) {
        position = next;
        remaining -= this.tree[next];
      }
    }
    return this.ascending[position];
  }
}

/** The first index of `ascending` whose value is not below `value`. */
function lowerBound(ascending: readonly number[], value: number): number {
  let low = 0;
  let high = ascending.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ascending[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
