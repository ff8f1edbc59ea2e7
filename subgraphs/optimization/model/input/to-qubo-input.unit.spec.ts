import { parseBqp } from './orlib-bqp';
import { parseQuboInput } from './qubo-input';
import { toQuboInput } from './to-qubo-input';
import { QuboModel } from '../qubo-model';

function expectSameModel(actual: QuboModel, expected: QuboModel): void {
  expect(actual.sourceSense).toBe(expected.sourceSense);
  expect(actual.variableNames).toEqual(expected.variableNames);
  expect(actual.offset).toBe(expected.offset);
  expect(actual.quadraticTermCount).toBe(expected.quadraticTermCount);
  expect([...actual.quadraticTerms()]).toEqual([...expected.quadraticTerms()]);
  for (let i = 0; i < expected.size; i++) expect(actual.linear(i)).toBe(expected.linear(i));
}

describe('toQuboInput', () => {
  it('given a maximisation read from a file, when written as input and parsed back, then it is the same model, its terms in the source sense', () => {
    const model = parseBqp('1\n3 3\n1 1 5\n1 2 -3\n3 3 2\n', { instance: 1 });
    const input = toQuboInput(model);
    expect(input).toEqual({
      variables: ['x1', 'x2', 'x3'],
      linear: [{ variable: 'x1', coefficient: 5 }, { variable: 'x3', coefficient: 2 }],
      quadratic: [{ u: 'x1', v: 'x2', coefficient: -6 }],
      offset: 0,
      sense: 'MAXIMIZE',
    });
    expectSameModel(parseQuboInput(input), model);
  });

  it('given a minimisation with an offset and a pair whose terms cancel, when written and parsed back, then the pair is kept and the model is the same', () => {
    const model = new QuboModel('MINIMIZE');
    ['a', 'b'].forEach((name) => model.addVariable(name));
    model.addQuadratic(0, 1, 2);
    model.addQuadratic(1, 0, -2);
    model.addOffset(1.5);
    expectSameModel(parseQuboInput(toQuboInput(model)), model);
  });
});
