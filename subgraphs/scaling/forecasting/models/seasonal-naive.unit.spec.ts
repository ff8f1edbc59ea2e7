import { seasonalNaive } from './seasonal-naive';

describe('seasonal naive', () => {
  it('repeats the last period, cycling through it for horizons longer than a period', () => {
    const training = Array.from({ length: 48 }, (_, t) => t);

    const { forecast } = seasonalNaive(24).fit(training, 30);

    expect(forecast).toEqual([...Array.from({ length: 24 }, (_, t) => 24 + t), 24, 25, 26, 27, 28, 29]);
  });

  it('says what it needs and what it is', () => {
    expect(seasonalNaive(168)).toMatchObject({ id: 'seasonal-naive-168h', cycle: 'weekly', minimumHours: 168, parameters: { periodHours: 168 } });
  });
});
