import type { Constraint } from '../constraints/constraint';
import { invalidTemplateInput } from '../model-error';
import { QuboModel } from '../qubo-model';
import { defaultPenaltyWeight } from './penalty-weight';
import { templateList, templateNames, templateNumber, type TemplateProblem } from './template-result';

export interface GraphColouringInput {
  /** Vertices in the order the variables should take; default: in order of first appearance in `edges`. */
  readonly vertices?: readonly string[];
  /** Undirected edges: their ends must differ in colour. */
  readonly edges: readonly { readonly u: string; readonly v: string }[];
  /** Colour names, or how many colours (colour1 … colourK). */
  readonly colours: number | readonly string[];
  /**
   * costs[v][c]: the cost of giving vertex v (in vertex order) colour c. Default: colour c costs
   * c + 1 for every vertex, so the optimum is the graph's chromatic sum with these colours.
   */
  readonly costs?: readonly (readonly number[])[];
  /** Default: the rule in penalty-weight.ts. */
  readonly penaltyWeight?: number;
}

/**
 * Minimum-cost graph colouring: x_<vertex>_<colour> = 1 when the vertex takes the colour.
 * Minimise Σ cost·x with every vertex taking exactly one colour (one-hot "vertex:<v>") and the
 * ends of every edge taking different colours (custom penalty "edge:<u>-<v>" = Σ_c x_uc·x_vc,
 * the number of colours they share: 0 exactly when the edge is properly coloured).
 */
export function graphColouringTemplate(input: GraphColouringInput): TemplateProblem {
  const edges = templateList<GraphColouringInput['edges'][number]>(input.edges, 'edges');
  const colours = typeof input.colours === 'number' ? colourCount(input.colours) : templateNames(input.colours, templateList(input.colours, 'colours').length, 'colour', 'colours');
  if (colours.length === 0) throw invalidTemplateInput('a colouring needs at least one colour', 'colours');

  const vertices: string[] = [];
  const position = new Map<string, number>();
  const declared = input.vertices !== undefined;
  for (const [at, name] of templateList<string>(input.vertices ?? [], 'vertices').entries()) {
    if (typeof name !== 'string' || name.length === 0) throw invalidTemplateInput(`vertices[${at}] must be a non-empty string`, `vertices[${at}]`);
    if (position.has(name)) throw invalidTemplateInput(`vertices[${at}]: "${name}" is listed twice`, `vertices[${at}]`);
    position.set(name, vertices.push(name) - 1);
  }
  const vertex = (name: unknown, field: string): number => {
    if (typeof name !== 'string' || name.length === 0) throw invalidTemplateInput(`${field} must be a vertex name`, field);
    const known = position.get(name);
    if (known !== undefined) return known;
    if (declared) throw invalidTemplateInput(`${field}: unknown vertex "${name}"`, field);
    position.set(name, vertices.push(name) - 1);
    return vertices.length - 1;
  };
  const pairs: [number, number][] = [];
  const seen = new Set<string>();
  edges.forEach((edge, at) => {
    const u = vertex(edge?.u, `edges[${at}].u`);
    const v = vertex(edge.v, `edges[${at}].v`);
    if (u === v) throw invalidTemplateInput(`edges[${at}]: a loop at "${vertices[u]}" cannot be coloured properly`, `edges[${at}]`);
    const key = u < v ? `${u},${v}` : `${v},${u}`;
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push([u, v]);
  });
  if (vertices.length === 0) throw invalidTemplateInput('a colouring needs at least one vertex', 'vertices');

  const costs = input.costs === undefined ? undefined : templateList<readonly number[]>(input.costs, 'costs', vertices.length);
  const variable = (v: number, c: number) => `x_${vertices[v]}_${colours[c]}`;
  const model = new QuboModel('MINIMIZE');
  for (let v = 0; v < vertices.length; v++) {
    const row = costs === undefined ? undefined : templateList<number>(costs[v], `costs[${v}]`, colours.length);
    for (let c = 0; c < colours.length; c++) {
      const name = variable(v, c);
      if (model.hasVariable(name)) throw invalidTemplateInput(`vertex and colour names make "${name}" twice; choose names without ambiguous underscores`, 'vertices');
      model.addLinear(model.addVariable(name), row === undefined ? c + 1 : templateNumber(row[c], `costs[${v}][${c}]`));
    }
  }

  const weight = input.penaltyWeight ?? defaultPenaltyWeight(model);
  const constraints: Constraint[] = [
    ...vertices.map((name, v): Constraint => ({ id: `vertex:${name}`, kind: 'ONE_HOT', penaltyWeight: weight, variables: colours.map((_, c) => variable(v, c)) })),
    ...pairs.map(
      ([u, v]): Constraint => ({
        id: `edge:${vertices[u]}-${vertices[v]}`,
        kind: 'CUSTOM_PENALTY',
        penaltyWeight: weight,
        quadratic: colours.map((_, c) => ({ u: variable(u, c), v: variable(v, c), coefficient: 1 })),
      }),
    ),
  ];
  return { model, constraints };
}

function colourCount(count: number): readonly string[] {
  if (!Number.isInteger(count) || count < 1) throw invalidTemplateInput(`colours must be a positive integer or a list of names, got ${count}`, 'colours');
  return Array.from({ length: count }, (_, c) => `colour${c + 1}`);
}
