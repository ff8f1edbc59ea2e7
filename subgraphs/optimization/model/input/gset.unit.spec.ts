import { readFileSync } from 'node:fs';
import { allAssignments, seededRandom } from '../test-support/brute-force';
import { parseGset } from './gset';
import { sharedDataFile } from '../../../../test/support/shared-data';

function cutValue(edges: [number, number, number][], x: number[]): number {
  return edges.reduce((cut, [u, v, w]) => cut + (x[u - 1] !== x[v - 1] ? w : 0), 0);
}

describe('Gset Max-Cut files', () => {
  it('given a tiny weighted graph, when parsed, then −energy is the cut of every assignment (brute force)', () => {
    const edges: [number, number, number][] = [
      [1, 2, 1],
      [2, 3, 1],
      [1, 3, -1],
      [3, 4, 2],
    ];
    const model = parseGset(`4 4\n${edges.map((e) => e.join(' ')).join('\n')}\n`);
    let best = -Infinity;
    for (const x of allAssignments(4)) {
      expect(model.toSourceObjective(model.energy(x))).toBe(cutValue(edges, x));
      best = Math.max(best, cutValue(edges, x));
    }
    expect(best).toBe(4); // {1,3} vs {2,4}: edges 1-2, 2-3 and 3-4 cut, the negative 1-3 not
  });

  it('given G1, when parsed, then it has 800 vertices, 19176 edges and the cut of random assignments matches the edge list', () => {
    const text = readFileSync(sharedDataFile('qubo', 'gset', 'G1.txt'), 'utf8');
    const model = parseGset(text);
    expect(model.size).toBe(800);
    expect(model.quadraticTermCount).toBe(19176);
    const edges = text.trim().split('\n').slice(1).map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
    const random = seededRandom(3);
    for (let trial = 0; trial < 3; trial++) {
      const x = Array.from({ length: 800 }, () => (random() < 0.5 ? 1 : 0));
      expect(model.toSourceObjective(model.energy(x))).toBe(cutValue(edges, x));
    }
  });

  it.each([
    ['an edge with a vertex beyond n', '3 1\n1 4 1\n', /gset line 2: v must be within 1..3, got 4/],
    ['fewer edges than announced', '3 2\n1 2 1\n', /the file ends where edge 2 of 2 was expected/],
    ['more edges than announced', '3 1\n1 2 1\n2 3 1\n', /gset line 3: the header announces 1 edges but more lines follow/],
    ['an infinite weight', '3 1\n1 2 1e999\n', /gset line 2: w must be a finite number/],
  ])('given %s, when parsed, then MALFORMED_FILE names the line', (_case, text, message) => {
    expect(() => parseGset(text)).toThrow(expect.objectContaining({ code: 'MALFORMED_FILE', message: expect.stringMatching(message) }));
  });
});
