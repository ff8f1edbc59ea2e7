/** a dominates b (minimising every component): no worse anywhere and better somewhere. */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let k = 0; k < a.length; k++) {
    if (a[k] > b[k]) return false;
    if (a[k] < b[k]) better = true;
  }
  return better;
}

/** The non-dominated members of `points`, in their given order, equal vectors kept once. */
export function paretoFront<T>(points: readonly T[], objectivesOf: (p: T) => readonly number[]): T[] {
  const front: T[] = [];
  const kept: (readonly number[])[] = [];
  points.forEach((p) => {
    const v = objectivesOf(p);
    if (points.some((q) => dominates(objectivesOf(q), v))) return;
    if (kept.some((w) => w.every((value, k) => value === v[k]))) return;
    front.push(p);
    kept.push(v);
  });
  return front;
}

/**
 * Weight vectors spread evenly over the simplex (all vectors with components in steps of
 * 1/divisions summing to 1): for two objectives and 4 divisions, (1,0) (¾,¼) (½,½) (¼,¾) (0,1).
 */
export function simplexWeights(objectives: number, divisions: number): number[][] {
  const out: number[][] = [];
  const walk = (prefix: number[], left: number): void => {
    if (prefix.length === objectives - 1) {
      out.push([...prefix, left].map((s) => s / divisions));
      return;
    }
    for (let s = left; s >= 0; s--) walk([...prefix, s], left - s);
  };
  walk([], divisions);
  return out;
}
