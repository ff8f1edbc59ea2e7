import type { QuboModel } from '../qubo-model';
import type { LinearTerm, QuadraticTerm } from '../terms';
import type { QuboInput } from './qubo-input';

/**
 * The GraphQL/JSON shape of a model, written in its source's sense (a maximisation's terms as the
 * source states them), so that parseQuboInput reads it back as the same model: every variable in
 * index order, the non-zero linear terms and every stored pair (a pair whose terms cancelled too,
 * so the quadratic term count stays what it was).
 */
export function toQuboInput(model: QuboModel): Required<QuboInput> {
  // Coefficients turn back into the source's sense as energies do (and without a −0).
  const source = (value: number) => model.toSourceObjective(value);
  const names = model.variableNames;
  const linear: LinearTerm[] = [];
  for (let i = 0; i < model.size; i++) {
    if (model.linear(i) !== 0) linear.push({ variable: names[i], coefficient: source(model.linear(i)) });
  }
  const quadratic: QuadraticTerm[] = [];
  for (const [i, j, coefficient] of model.quadraticTerms()) quadratic.push({ u: names[i], v: names[j], coefficient: source(coefficient) });
  return { variables: [...names], linear, quadratic, offset: source(model.offset), sense: model.sourceSense };
}
