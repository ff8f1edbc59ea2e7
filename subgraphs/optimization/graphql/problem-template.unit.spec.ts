import { GraphQLError } from 'graphql';
import { DomainError } from '../../../platform/commands/decider';
import { templateProblem } from './problem-template';
import { ProblemTemplate, type CreateProblemFromTemplateInput } from './problem-template-types';

const knapsack = { values: [3, 2, 4], weights: [2, 1, 3], capacity: 4 };
const input = (fields: Partial<CreateProblemFromTemplateInput>) => ({ tenantId: 't', name: 'n', template: ProblemTemplate.KNAPSACK, ...fields }) as CreateProblemFromTemplateInput;

function refusal(fields: Partial<CreateProblemFromTemplateInput>): GraphQLError | DomainError {
  try {
    templateProblem(input(fields));
  } catch (error) {
    return error as GraphQLError | DomainError;
  }
  throw new Error('expected a refusal');
}

describe('templateProblem', () => {
  it('given the template and its field (with nulls for fields left out), when built, then it is the model template with its constraints', () => {
    const { model, constraints } = templateProblem(input({ knapsack: { ...knapsack, items: null, penaltyWeight: null } as never }));
    expect(model.variableNames).toEqual(['item1', 'item2', 'item3']);
    expect(constraints).toEqual([expect.objectContaining({ id: 'capacity', kind: 'LINEAR_INEQUALITY', rhs: 4 })]);
  });

  it('given no field for the template, when built, then BAD_USER_INPUT names the field to give', () => {
    const error = refusal({ knapsack: undefined }) as GraphQLError;
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'knapsack' });
  });

  it("given another template's field as well, when built, then BAD_USER_INPUT names that field", () => {
    const error = refusal({ knapsack, maxCut: { edges: [] } }) as GraphQLError;
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'maxCut' });
  });

  it("given data the template refuses, when built, then BAD_USER_INPUT with the model's reason and field", () => {
    const error = refusal({ knapsack: { ...knapsack, weights: [2, 1] } }) as DomainError;
    expect(error).toBeInstanceOf(DomainError);
    expect(error.details).toEqual({ reason: 'INVALID_TEMPLATE_INPUT', field: 'weights' });
  });

  it('given a colouring with both a colour count and colour names, or neither, when built, then BAD_USER_INPUT', () => {
    const graphColouring = { edges: [{ u: 'a', v: 'b' }] };
    for (const colours of [{ colourCount: 2, colours: ['red', 'blue'] }, {}]) {
      const error = refusal({ template: ProblemTemplate.GRAPH_COLOURING, graphColouring: { ...graphColouring, ...colours } }) as GraphQLError;
      expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'graphColouring.colourCount' });
    }
    const { constraints } = templateProblem(input({ template: ProblemTemplate.GRAPH_COLOURING, graphColouring: { ...graphColouring, colours: ['red', 'blue'] } }));
    expect(constraints.map((constraint) => constraint.id)).toEqual(['vertex:a', 'vertex:b', 'edge:a-b']);
  });
});
