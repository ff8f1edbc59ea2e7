import { registeredValue } from '../../test/support/metric-series';
import { measuredFetch } from './measured-fetch';

describe('a measured subgraph fetch', () => {
  it('times every fetch and counts it by the status answered, or as unreachable', async () => {
    // given a fetch that answers 200, then 400, then cannot connect
    const answers = [200, 400];
    const fetch = measuredFetch('scaling', async (url: string) => {
      const status = answers.shift();
      if (status === undefined) throw new Error(`request to ${url} failed, reason: connect ECONNREFUSED`);
      return { status, url };
    });

    // when called three times
    expect(await fetch('http://scaling/graphql')).toEqual({ status: 200, url: 'http://scaling/graphql' });
    await fetch('http://scaling/graphql');
    await expect(fetch('http://scaling/graphql')).rejects.toThrow('ECONNREFUSED');

    // then
    expect(await registeredValue('goliath_gateway_subgraph_fetches_total', { subgraph: 'scaling', outcome: '200' })).toBe(1);
    expect(await registeredValue('goliath_gateway_subgraph_fetches_total', { subgraph: 'scaling', outcome: '400' })).toBe(1);
    expect(await registeredValue('goliath_gateway_subgraph_fetches_total', { subgraph: 'scaling', outcome: 'unreachable' })).toBe(1);
    expect(await registeredValue('goliath_gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'scaling' })).toBe(3);
  });
});
