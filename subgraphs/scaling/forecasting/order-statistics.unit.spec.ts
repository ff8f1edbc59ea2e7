import { GrowingOrderStatistics } from './order-statistics';
import { seededRandom } from './test-support/synthetic-demand';

describe('GrowingOrderStatistics', () => {
  it('answers the k-th smallest of the values added so far, duplicates included, as sorting them would', () => {
    const random = seededRandom(11);
    const values = Array.from({ length: 200 }, () => Math.round(random() * 50));
    const statistics = new GrowingOrderStatistics(values);
    const added: number[] = [];

    for (const i of values.map((_, i) => i).sort(() => random() - 0.5)) {
      statistics.add(i);
      added.push(values[i]);
      const sorted = [...added].sort((a, b) => a - b);
      for (const k of [1, Math.ceil(sorted.length / 2), sorted.length]) expect(statistics.kth(k)).toBe(sorted[k - 1]);
    }
    expect(statistics.count).toBe(200);
  });
});
