import type { QuboModel } from '../qubo-model';

/**
 * Adds one edge's share of −cut: the edge (u,v) is cut when exactly one end is in the set, which
 * for binaries is x_u + x_v − 2·x_u·x_v; the model minimises, so the cut enters negated.
 */
export function addMaxCutEdge(model: QuboModel, u: number, v: number, weight: number): void {
  if (u === v) return;
  model.addLinear(u, -weight);
  model.addLinear(v, -weight);
  model.addQuadratic(u, v, 2 * weight);
}
