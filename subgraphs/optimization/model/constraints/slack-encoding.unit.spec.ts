import { integerScale, slackBits, slackUnits } from './slack-encoding';

describe('slack encoding', () => {
  it.each([0, 1, 2, 3, 4, 5, 7, 8, 10, 31, 100])('given range %s, when encoded, then every value 0..range decodes exactly and the units sum to the range', (range) => {
    const units = slackUnits(range);
    expect(units.reduce((a, b) => a + b, 0)).toBe(range);
    expect(units.every((unit) => unit >= 1)).toBe(true);
    for (let value = 0; value <= range; value++) {
      expect(slackBits(value, units).reduce((sum, bit, k) => sum + bit * units[k], 0)).toBe(value);
    }
  });

  it('given a range just below a power of two, when encoded, then it uses whole powers and no bit worth 0', () => {
    const units = slackUnits(2 ** 40 - 1);
    expect(units).toHaveLength(40);
    expect(units[39]).toBe(2 ** 39);
  });

  it.each<[number[], number | undefined]>([
    [[1, 2, 3], 1],
    [[0.5, 2], 10],
    [[0.25, 1.1], 100],
    [[0.000001], 1e6],
    [[1 / 3], undefined],
  ])('given coefficients %j, when scaled to integers, then the scale is %s', (coefficients, scale) => {
    expect(integerScale(coefficients)).toBe(scale);
  });
});
