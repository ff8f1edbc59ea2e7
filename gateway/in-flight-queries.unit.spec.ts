import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { sharingInFlightQueries } from './in-flight-queries';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

const URL = 'http://127.0.0.1:4001/graphql';
const QUERY = '{"query":"query($representations:[_Any!]!){_entities(representations:$representations){...on Tenant{id}}}","variables":{}}';
const SHORTHAND_QUERY = '{"query":"{tenant(id:\\"t-1\\"){id name}}","variables":{}}';
const MUTATION = '{"query":"mutation{createTenant(input:{name:\\"A\\"}){id}}","variables":{}}';

/** A subgraph that answers only when told to, counting the requests it received. */
function heldSubgraph() {
  const received: { url: string; init: Parameters<Fetcher>[1] }[] = [];
  const answers: (() => void)[] = [];
  const fetcher = ((url: string, init: Parameters<Fetcher>[1]) => {
    received.push({ url, init });
    const body = `{"data":{"n":${received.length}}}`;
    return new Promise((resolve) => answers.push(() => resolve(new Response(body, { status: 200 }) as never)));
  }) as Fetcher;
  return { fetcher, received, answerAll: () => answers.splice(0).forEach((answer) => answer()) };
}

const as = (token: string, correlationId = 'c-1') => ({ authorization: `Bearer ${token}`, 'x-correlation-id': correlationId, 'content-type': 'application/json' });

describe('sharing identical queries in flight', () => {
  it('sends one request for identical queries in flight at once, and gives each caller its own answer', async () => {
    // given a held subgraph
    const subgraph = heldSubgraph();
    const fetch = sharingInFlightQueries(subgraph.fetcher);

    // when three callers with the same token ask the same thing at once (different correlation ids)
    const answers = [QUERY, QUERY, QUERY].map((body, index) => fetch(URL, { method: 'POST', headers: as('alice', `c-${index}`), body }));
    subgraph.answerAll();
    const bodies = await Promise.all(answers.map(async (answer) => (await answer).text()));

    // then the subgraph got one request, and each caller read the whole answer from its own copy
    expect(subgraph.received).toHaveLength(1);
    expect(bodies).toEqual(['{"data":{"n":1}}', '{"data":{"n":1}}', '{"data":{"n":1}}']);
  });

  it('shares the shorthand form of a query too', async () => {
    const subgraph = heldSubgraph();
    const fetch = sharingInFlightQueries(subgraph.fetcher);

    const answers = [fetch(URL, { method: 'POST', headers: as('alice'), body: SHORTHAND_QUERY }), fetch(URL, { method: 'POST', headers: as('alice'), body: SHORTHAND_QUERY })];
    subgraph.answerAll();
    await Promise.all(answers);

    expect(subgraph.received).toHaveLength(1);
  });

  it('never shares between different tokens', async () => {
    const subgraph = heldSubgraph();
    const fetch = sharingInFlightQueries(subgraph.fetcher);

    const answers = [fetch(URL, { method: 'POST', headers: as('alice'), body: QUERY }), fetch(URL, { method: 'POST', headers: as('bob'), body: QUERY })];
    subgraph.answerAll();
    await Promise.all(answers);

    expect(subgraph.received.map(({ init }) => (init!.headers as Record<string, string>).authorization)).toEqual(['Bearer alice', 'Bearer bob']);
  });

  it('never shares mutations', async () => {
    const subgraph = heldSubgraph();
    const fetch = sharingInFlightQueries(subgraph.fetcher);

    const answers = [fetch(URL, { method: 'POST', headers: as('alice'), body: MUTATION }), fetch(URL, { method: 'POST', headers: as('alice'), body: MUTATION })];
    subgraph.answerAll();
    await Promise.all(answers);

    expect(subgraph.received).toHaveLength(2);
  });

  it('keeps nothing once the answer is in: the next identical query is sent again', async () => {
    const subgraph = heldSubgraph();
    const fetch = sharingInFlightQueries(subgraph.fetcher);

    const first = fetch(URL, { method: 'POST', headers: as('alice'), body: QUERY });
    subgraph.answerAll();
    await first;
    const second = fetch(URL, { method: 'POST', headers: as('alice'), body: QUERY });
    subgraph.answerAll();

    expect(await (await second).text()).toBe('{"data":{"n":2}}');
    expect(subgraph.received).toHaveLength(2);
  });

  it('gives every caller the failure when the shared request fails', async () => {
    const failing = (() => Promise.reject(new Error('connection refused'))) as unknown as Fetcher;
    const fetch = sharingInFlightQueries(failing);

    const answers = [fetch(URL, { method: 'POST', headers: as('alice'), body: QUERY }), fetch(URL, { method: 'POST', headers: as('alice'), body: QUERY })];

    await expect(Promise.all(answers)).rejects.toThrow('connection refused');
  });
});
