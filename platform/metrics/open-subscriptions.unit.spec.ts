import { registeredValue } from '../../test/support/metric-series';
import { subscriptionOpened } from './open-subscriptions';

describe('open subscriptions', () => {
  it('are counted by root field from opening until the first close, which runs the closer it wraps once', async () => {
    // given two tenantEvents subscriptions and one solveJobProgress
    let released = 0;
    const first = subscriptionOpened('tenantEvents', () => released++);
    subscriptionOpened('tenantEvents', () => {});
    subscriptionOpened('solveJobProgress', () => {});
    expect(await registeredValue('goliath_gateway_subscriptions_open', { subscription: 'tenantEvents' })).toBe(2);

    // when the first ends, and its end is reported twice
    first();
    first();

    // then
    expect(await registeredValue('goliath_gateway_subscriptions_open', { subscription: 'tenantEvents' })).toBe(1);
    expect(await registeredValue('goliath_gateway_subscriptions_open', { subscription: 'solveJobProgress' })).toBe(1);
    expect(released).toBe(1);
  });
});
