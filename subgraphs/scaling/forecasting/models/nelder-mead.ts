/**
 * Nelder–Mead simplex minimisation (standard coefficients: reflection 1, expansion 2, contraction
 * ½, shrink ½). Derivative-free, because a Holt-Winters sum of squared one-step errors has no
 * convenient gradient; deterministic, so a fit is rebuilt exactly from the same data.
 */
export function minimise(objective: (x: readonly number[]) => number, start: readonly number[], options: { iterations: number; step: number }): { x: number[]; value: number } {
  const n = start.length;
  const simplex: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) simplex.push(start.map((v, j) => (j === i ? v + options.step : v)));
  let values = simplex.map((x) => safe(objective(x)));
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
    const sorted = order.map((i) => simplex[i]);
    values = order.map((i) => values[i]);
    simplex.splice(0, simplex.length, ...sorted);
    const worst = simplex[n];
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i][j] / n;
    const towards = (factor: number) => centroid.map((c, j) => c + factor * (c - worst[j]));
    const reflected = towards(1);
    const reflectedValue = safe(objective(reflected));
    if (reflectedValue < values[0]) {
      const expanded = towards(2);
      const expandedValue = safe(objective(expanded));
      [simplex[n], values[n]] = expandedValue < reflectedValue ? [expanded, expandedValue] : [reflected, reflectedValue];
    } else if (reflectedValue < values[n - 1]) {
      [simplex[n], values[n]] = [reflected, reflectedValue];
    } else {
      const contracted = towards(-0.5);
      const contractedValue = safe(objective(contracted));
      if (contractedValue < values[n]) {
        [simplex[n], values[n]] = [contracted, contractedValue];
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i].map((v, j) => simplex[0][j] + 0.5 * (v - simplex[0][j]));
          values[i] = safe(objective(simplex[i]));
        }
      }
    }
  }
  const best = values.indexOf(Math.min(...values));
  return { x: simplex[best], value: values[best] };
}

/** A diverging candidate (NaN, ∞) ranks last instead of poisoning the comparisons. */
function safe(value: number): number {
  return Number.isFinite(value) ? value : Number.MAX_VALUE;
}
