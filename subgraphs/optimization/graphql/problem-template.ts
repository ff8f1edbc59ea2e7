import { badUserInput } from '../../../platform/errors';
import { refuseInvalidModel } from '../domain/model-refusal';
import { assignmentTemplate, graphColouringTemplate, knapsackTemplate, maxCutTemplate, portfolioTemplate, type TemplateProblem } from '../model';
import { ProblemTemplate, type CreateProblemFromTemplateInput } from './problem-template-types';

type TemplateField = 'portfolio' | 'maxCut' | 'knapsack' | 'assignment' | 'graphColouring';

/** The input field that carries each template's data. */
const FIELD_OF: Readonly<Record<ProblemTemplate, TemplateField>> = {
  [ProblemTemplate.PORTFOLIO]: 'portfolio',
  [ProblemTemplate.MAX_CUT]: 'maxCut',
  [ProblemTemplate.KNAPSACK]: 'knapsack',
  [ProblemTemplate.ASSIGNMENT]: 'assignment',
  [ProblemTemplate.GRAPH_COLOURING]: 'graphColouring',
};

/**
 * The objective and constraints the chosen template builds from its input field, which must be the
 * only template field given. The model's refusals (INVALID_TEMPLATE_INPUT, PROBLEM_TOO_LARGE, …)
 * come as createProblem's do: BAD_USER_INPUT with the model's `reason` and `field`.
 */
export function templateProblem(input: CreateProblemFromTemplateInput): TemplateProblem {
  const field = FIELD_OF[input.template];
  if (!isGiven(input[field])) throw badUserInput(`Template ${input.template} takes its data in ${field}: give ${field}.`, field);
  const other = Object.values(FIELD_OF).find((candidate) => candidate !== field && isGiven(input[candidate]));
  if (other) throw badUserInput(`${other} is the data of another template; template ${input.template} takes ${field} only.`, other);
  return refuseInvalidModel(() => build(input));
}

function build(input: CreateProblemFromTemplateInput): TemplateProblem {
  switch (input.template) {
    case ProblemTemplate.PORTFOLIO:
      return portfolioTemplate(given(input.portfolio!));
    case ProblemTemplate.MAX_CUT:
      return maxCutTemplate(given(input.maxCut!));
    case ProblemTemplate.KNAPSACK:
      return knapsackTemplate(given(input.knapsack!));
    case ProblemTemplate.ASSIGNMENT:
      return assignmentTemplate(given(input.assignment!));
    case ProblemTemplate.GRAPH_COLOURING: {
      const { colourCount, colours, ...data } = given(input.graphColouring!);
      if ((colourCount === undefined) === (colours === undefined)) {
        throw badUserInput('Give the colours either by count (colourCount) or by name (colours), one of the two.', 'graphColouring.colourCount');
      }
      return graphColouringTemplate({ ...data, colours: colourCount ?? colours! });
    }
  }
}

function isGiven(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** The value with every field left out as null removed, at any depth: GraphQL's null for "not given" is absence to the templates. */
function given<T>(value: T): T {
  if (Array.isArray(value)) return value.map(given) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, field]) => isGiven(field)).map(([key, field]) => [key, given(field)])) as T;
}
