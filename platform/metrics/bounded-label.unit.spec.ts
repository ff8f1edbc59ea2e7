import { BoundedLabel } from './bounded-label';

describe('a bounded label', () => {
  it('keeps the first values it is given and counts every later new one as __other', () => {
    // given a label that keeps two values
    const label = new BoundedLabel(2);

    // when three values come, the first ones again after the third
    const values = ['Problems', 'Tenants', 'Attack1', 'Problems', 'Attack2', 'Tenants'].map((value) => label.value(value));

    // then
    expect(values).toEqual(['Problems', 'Tenants', '__other', 'Problems', '__other', 'Tenants']);
  });
});
