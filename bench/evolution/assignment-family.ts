import { assignmentTemplate } from '../../subgraphs/optimization/model';
import { optimumOf, SeededRandom, type FamilyInstance, type ProblemFamily } from './family';

export interface AssignmentSize {
  /** Agents = tasks. */
  readonly n: number;
  /** Costs are integers in 1..maxCost. */
  readonly maxCost: number;
}

/**
 * The Hungarian method (Kuhn–Munkres with row and column potentials, O(n³)): the cheapest
 * permutation of a square cost matrix. Returns its cost and taskOf[agent].
 */
export function hungarian(costs: readonly (readonly number[])[]): { cost: number; taskOf: number[] } {
  const n = costs.length;
  // 1-based arrays; column 0 is the virtual column the augmenting path starts from.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const agentOfTask = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let agent = 1; agent <= n; agent++) {
    agentOfTask[0] = agent;
    let column = 0;
    const minSlack = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[column] = 1;
      const row = agentOfTask[column];
      let delta = Infinity;
      let next = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const reduced = costs[row - 1][j - 1] - u[row] - v[j];
        if (reduced < minSlack[j]) {
          minSlack[j] = reduced;
          way[j] = column;
        }
        if (minSlack[j] < delta) {
          delta = minSlack[j];
          next = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[agentOfTask[j]] += delta;
          v[j] -= delta;
        } else {
          minSlack[j] -= delta;
        }
      }
      column = next;
    } while (agentOfTask[column] !== 0);
    do {
      const previous = way[column];
      agentOfTask[column] = agentOfTask[previous];
      column = previous;
    } while (column !== 0);
  }
  const taskOf = new Array<number>(n).fill(-1);
  for (let j = 1; j <= n; j++) taskOf[agentOfTask[j] - 1] = j - 1;
  return { cost: taskOf.reduce((sum, task, agent) => sum + costs[agent][task], 0), taskOf };
}

export function assignmentCosts(seed: number, size: AssignmentSize): number[][] {
  const random = new SeededRandom(seed);
  return Array.from({ length: size.n }, () => Array.from({ length: size.n }, () => random.int(1, size.maxCost)));
}

export function assignmentFamily(size: AssignmentSize): ProblemFamily<AssignmentSize> {
  return {
    family: 'assignment',
    formulation: `assignmentTemplate: minimise Σ c·x over a ${size.n}×${size.n} permutation matrix (ONE_HOT per agent and per task); costs 1..${size.maxCost}; exact: Hungarian method`,
    size,
    generate: (seed: number): FamilyInstance => {
      const costs = assignmentCosts(seed, size);
      const { model, constraints } = assignmentTemplate({ costs });
      const exact = hungarian(costs);
      // Model order is agent-major: x_agent<a>_task<t> at a·n + t.
      const assignment = new Array<number>(size.n * size.n).fill(0);
      exact.taskOf.forEach((task, agent) => (assignment[agent * size.n + task] = 1));
      return {
        family: 'assignment',
        name: `assignment-n${size.n}-s${seed}`,
        seed,
        model,
        constraints,
        optimum: optimumOf(model, assignment, exact.cost, 'assignment'),
        n: model.size,
      };
    },
  };
}
