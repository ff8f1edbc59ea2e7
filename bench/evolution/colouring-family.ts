import { graphColouringTemplate } from '../../subgraphs/optimization/model';
import { optimumOf, SeededRandom, type FamilyInstance, type ProblemFamily } from './family';

export interface ColouringSize {
  readonly vertices: number;
  readonly colours: number;
  /** Probability of an edge between two vertices of different planted colours. */
  readonly edgeProbability: number;
  /** Costs are integers in 1..maxCost per vertex and colour. */
  readonly maxCost: number;
}

export interface ColouringData {
  readonly vertices: number;
  readonly colours: number;
  readonly edges: readonly (readonly [number, number])[];
  /** costs[v][c] */
  readonly costs: readonly (readonly number[])[];
}

/**
 * Minimum-cost proper colouring by exhaustive search (branch and bound, so it stays exact): vertices
 * in order of decreasing degree, each tries every colour none of its coloured neighbours has; a
 * branch is cut when its cost plus the cheapest colour of every vertex still uncoloured cannot
 * beat the best colouring found. Returns colourOf[vertex], or cost Infinity when none exists.
 */
export function minimumCostColouring(data: ColouringData): { cost: number; colourOf: number[] } {
  const { vertices: n, colours: k, costs } = data;
  const neighbours = Array.from({ length: n }, () => [] as number[]);
  for (const [u, v] of data.edges) {
    neighbours[u].push(v);
    neighbours[v].push(u);
  }
  const order = Array.from({ length: n }, (_, v) => v).sort((a, b) => neighbours[b].length - neighbours[a].length || a - b);
  const cheapest = costs.map((row) => Math.min(...row));
  // restBound[i]: Σ cheapest over order[i..].
  const restBound = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) restBound[i] = restBound[i + 1] + cheapest[order[i]];
  const colourOf = new Array<number>(n).fill(-1);
  let best = Infinity;
  let bestColouring: number[] = [];
  const visit = (i: number, cost: number): void => {
    if (cost + restBound[i] >= best) return;
    if (i === n) {
      best = cost;
      bestColouring = [...colourOf];
      return;
    }
    const v = order[i];
    for (let c = 0; c < k; c++) {
      if (neighbours[v].some((w) => colourOf[w] === c)) continue;
      colourOf[v] = c;
      visit(i + 1, cost + costs[v][c]);
      colourOf[v] = -1;
    }
  };
  visit(0, 0);
  return { cost: best, colourOf: bestColouring };
}

/**
 * A planted k-colourable graph (each vertex gets a hidden colour; an edge joins two vertices of
 * different hidden colours with the given probability), so a proper colouring always exists;
 * costs uniform integers per vertex and colour, so the cheapest colouring is not the planted one.
 */
export function colouringData(seed: number, size: ColouringSize): ColouringData {
  const random = new SeededRandom(seed);
  const hidden = Array.from({ length: size.vertices }, (_, v) => (v < size.colours ? v : random.int(0, size.colours - 1)));
  const edges: [number, number][] = [];
  for (let u = 0; u < size.vertices; u++) {
    for (let v = u + 1; v < size.vertices; v++) if (hidden[u] !== hidden[v] && random.next() < size.edgeProbability) edges.push([u, v]);
  }
  const costs = Array.from({ length: size.vertices }, () => Array.from({ length: size.colours }, () => random.int(1, size.maxCost)));
  return { vertices: size.vertices, colours: size.colours, edges, costs };
}

export function colouringFamily(size: ColouringSize): ProblemFamily<ColouringSize> {
  return {
    family: 'colouring',
    formulation: `graphColouringTemplate: minimise Σ cost(v,c)·x_vc s.t. ONE_HOT per vertex and CUSTOM_PENALTY Σ_c x_uc·x_vc = 0 per edge; ${size.vertices} vertices, ${size.colours} colours, planted, p = ${size.edgeProbability}; exact: branch and bound`,
    size,
    generate: (seed: number): FamilyInstance => {
      const data = colouringData(seed, size);
      const vertices = Array.from({ length: data.vertices }, (_, v) => `v${v + 1}`);
      const { model, constraints } = graphColouringTemplate({
        vertices,
        edges: data.edges.map(([u, v]) => ({ u: vertices[u], v: vertices[v] })),
        colours: data.colours,
        costs: data.costs,
      });
      const exact = minimumCostColouring(data);
      // Model order is vertex-major: x_v<v>_colour<c> at v·k + c.
      const assignment = new Array<number>(data.vertices * data.colours).fill(0);
      exact.colourOf.forEach((colour, v) => (assignment[v * data.colours + colour] = 1));
      return {
        family: 'colouring',
        name: `colouring-n${size.vertices}k${size.colours}-s${seed}`,
        seed,
        model,
        constraints,
        optimum: optimumOf(model, assignment, exact.cost, 'colouring'),
        n: model.size,
      };
    },
  };
}
