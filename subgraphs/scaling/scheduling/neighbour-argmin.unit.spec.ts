import { neighbourArgmin } from './neighbour-argmin';
import { randomInteger, seededRandom } from './seeded-random';

/** The definition, by scanning every level within the radius. */
function naive(values: number[], radius: number, ties?: number[]): number[] {
  return values.map((_, c) => {
    let best = -1;
    for (let j = Math.max(0, c - radius); j <= Math.min(values.length - 1, c + radius); j++) {
      if (j === c || values[j] === Infinity) continue;
      if (best < 0 || values[j] < values[best] || (values[j] === values[best] && ties !== undefined && ties[j] < ties[best])) best = j;
    }
    return best;
  });
}

describe('the best neighbouring level', () => {
  it('given rows with unusable levels and ties, when searched within a radius, then each level gets a best other level as good as a full scan finds', () => {
    const random = seededRandom(2);
    for (let round = 0; round < 300; round++) {
      const n = randomInteger(random, 1, 12);
      const radius = random() < 0.3 ? Infinity : randomInteger(random, 1, 4);
      const values = Array.from({ length: n }, () => (random() < 0.2 ? Infinity : randomInteger(random, 0, 5)));
      const ties = Array.from({ length: n }, () => randomInteger(random, 0, 3));
      const into = new Int32Array(n);
      neighbourArgmin(n, radius, Float64Array.from([7, ...values]), 1, Float64Array.from([7, ...ties]), into);
      const expected = naive(values, radius, ties);
      into.forEach((found, c) => {
        if (expected[c] < 0) expect(found).toBe(-1);
        else expect([values[found], ties[found], Math.abs(found - c) <= radius, found !== c]).toEqual([values[expected[c]], ties[expected[c]], true, true]);
      });
    }
  });
});
