import { compiledQuboEnergy, toCompiledQubo } from './compiled-qubo-builder';
import { QuboModel } from './qubo-model';
import { allAssignments, seededRandom } from './test-support/brute-force';

function modelWith(names: string[]): QuboModel {
  const model = new QuboModel();
  names.forEach((name) => model.addVariable(name));
  return model;
}

describe('QuboModel', () => {
  it('keeps variables in the order they were added', () => {
    const model = modelWith(['b', 'a', 'c']);
    expect(model.variableNames).toEqual(['b', 'a', 'c']);
    expect(model.findIndex('a')).toBe(1);
    expect(model.findIndex('z')).toBeUndefined();
  });

  it('refuses a variable declared twice', () => {
    const model = modelWith(['a']);
    expect(() => model.addVariable('a')).toThrow(expect.objectContaining({ code: 'INVALID_QUBO', message: expect.stringMatching(/"a" is declared twice/) }));
  });

  it('sums duplicate terms, folds (i,i) into linear and stores (j,i) as (i,j)', () => {
    const model = modelWith(['a', 'b']);
    model.addLinear(0, 1);
    model.addLinear(0, 2);
    model.addQuadratic(1, 1, 5);
    model.addQuadratic(0, 1, 3);
    model.addQuadratic(1, 0, 4);
    expect(model.linear(0)).toBe(3);
    expect(model.linear(1)).toBe(5);
    expect(model.quadratic(0, 1)).toBe(7);
    expect(model.quadratic(1, 0)).toBe(7);
    expect(model.quadraticTermCount).toBe(1);
    expect([...model.quadraticTerms()]).toEqual([[0, 1, 7]]);
  });

  it.each([NaN, Infinity, -Infinity])('refuses a %s coefficient', (value) => {
    const model = modelWith(['a', 'b']);
    expect(() => model.addLinear(0, value)).toThrow(expect.objectContaining({ code: 'INVALID_QUBO' }));
    expect(() => model.addQuadratic(0, 1, value)).toThrow(expect.objectContaining({ code: 'INVALID_QUBO' }));
    expect(() => model.addOffset(value)).toThrow(expect.objectContaining({ code: 'INVALID_QUBO' }));
  });

  it('refuses an index that names no variable', () => {
    expect(() => modelWith(['a']).addLinear(1, 1)).toThrow(/out of range/);
  });

  it('reports energies back in the source convention of a maximisation', () => {
    const model = new QuboModel('MAXIMIZE');
    expect(model.toSourceObjective(-2098)).toBe(2098);
    expect(model.fromSourceObjective(2098)).toBe(-2098);
    expect(new QuboModel().toSourceObjective(-5)).toBe(-5);
  });

  it('clones independently of the original', () => {
    const model = modelWith(['a', 'b']);
    model.addQuadratic(0, 1, 2);
    const copy = model.clone();
    copy.addQuadratic(0, 1, 1);
    copy.addVariable('c');
    expect(model.quadratic(0, 1)).toBe(2);
    expect(model.size).toBe(2);
    expect(copy.quadratic(0, 1)).toBe(3);
  });
});

describe('compiled QUBO', () => {
  it('is symmetric CSR with ascending columns, no diagonal and no zero couplings', () => {
    const model = modelWith(['a', 'b', 'c', 'd']);
    model.addQuadratic(2, 0, 1.5);
    model.addQuadratic(0, 3, -2);
    model.addQuadratic(0, 1, 4);
    model.addQuadratic(1, 2, 1);
    model.addQuadratic(2, 1, -1); // cancels
    model.addLinear(3, 7);
    model.addOffset(0.5);
    const qubo = toCompiledQubo(model);
    expect(qubo.n).toBe(4);
    expect(qubo.offset).toBe(0.5);
    expect([...qubo.linear]).toEqual([0, 0, 0, 7]);
    expect([...qubo.rowPtr]).toEqual([0, 3, 4, 5, 6]);
    expect([...qubo.colIdx]).toEqual([1, 2, 3, 0, 0, 0]);
    expect([...qubo.values]).toEqual([4, 1.5, -2, 4, 1.5, -2]);
  });

  it('gives the same energy as the model for every assignment of random instances', () => {
    const random = seededRandom(7);
    for (let instance = 0; instance < 20; instance++) {
      const n = 1 + Math.floor(random() * 8);
      const model = modelWith(Array.from({ length: n }, (_, i) => `v${i}`));
      for (let t = 0; t < 3 * n; t++) {
        const i = Math.floor(random() * n);
        const j = Math.floor(random() * n);
        model.addQuadratic(i, j, Math.round((random() - 0.5) * 20));
      }
      model.addOffset(random());
      const qubo = toCompiledQubo(model);
      for (const x of allAssignments(n)) expect(compiledQuboEnergy(qubo, x)).toBeCloseTo(model.energy(x), 9);
    }
  });
});
