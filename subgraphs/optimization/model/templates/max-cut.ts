import { invalidTemplateInput } from '../model-error';
import { QuboModel } from '../qubo-model';
import { addMaxCutEdge } from './max-cut-terms';
import { templateList, templateNumber, type TemplateProblem } from './template-result';

export interface MaxCutInput {
  /** Vertices in the order the variables should take; default: in order of first appearance in `edges`. */
  readonly vertices?: readonly string[];
  /** Undirected weighted edges; weight defaults to 1. */
  readonly edges: readonly { readonly u: string; readonly v: string; readonly weight?: number }[];
}

/**
 * Max-Cut: x_v = 1 puts v on one side. Maximise Σ_(u,v) w_uv (x_u + x_v − 2x_u x_v); the model
 * minimises its negation (sourceSense 'MAXIMIZE', so toSourceObjective gives the cut). No
 * constraints: every assignment is a cut.
 */
export function maxCutTemplate(input: MaxCutInput): TemplateProblem {
  const edges = templateList<MaxCutInput['edges'][number]>(input.edges, 'edges');
  const model = new QuboModel('MAXIMIZE');
  const declared = input.vertices !== undefined;
  for (const [position, name] of templateList<string>(input.vertices ?? [], 'vertices').entries()) {
    if (model.hasVariable(name)) throw invalidTemplateInput(`vertices[${position}]: "${name}" is listed twice`, `vertices[${position}]`);
    model.addVariable(name);
  }
  const vertex = (name: unknown, field: string): number => {
    if (typeof name !== 'string' || name.length === 0) throw invalidTemplateInput(`${field} must be a vertex name`, field);
    const index = model.findIndex(name);
    if (index !== undefined) return index;
    if (declared) throw invalidTemplateInput(`${field}: unknown vertex "${name}"`, field);
    return model.addVariable(name);
  };
  edges.forEach((edge, position) => {
    const u = vertex(edge?.u, `edges[${position}].u`);
    const v = vertex(edge.v, `edges[${position}].v`);
    addMaxCutEdge(model, u, v, edge.weight === undefined ? 1 : templateNumber(edge.weight, `edges[${position}].weight`));
  });
  if (model.size === 0) throw invalidTemplateInput('a Max-Cut problem needs at least one vertex', 'edges');
  return { model, constraints: [] };
}
