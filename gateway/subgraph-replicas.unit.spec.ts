import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { acrossReplicas, replicaUrls } from './subgraph-replicas';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

const A = 'http://10.0.0.1:4001/graphql';
const B = 'http://10.0.0.2:4001/graphql';
const QUERY = '{"query":"{tenant(id:\\"t-1\\"){id}}"}';
const MUTATION = '{"query":"mutation{createTenant(input:{name:\\"A\\"}){id}}"}';

const failure = (code: string) => Object.assign(new Error(`request failed, reason: ${code}`), { code });

/** Replicas that answer with their own URL, or fail as told. */
function replicas(failures: Record<string, string> = {}) {
  const calls: string[] = [];
  const fetcher = (async (url: string) => {
    calls.push(url);
    if (failures[url]) throw failure(failures[url]);
    return new Response(url);
  }) as unknown as Fetcher;
  return { fetcher, calls };
}

describe('a subgraph with several replicas', () => {
  it('reads the replicas from SUBGRAPH_<NAME>_URL, comma-separated', () => {
    expect(replicaUrls(`${A}, ${B}`)).toEqual([A, B]);
    expect(replicaUrls(A)).toEqual([A]);
    expect(() => replicaUrls(' , ')).toThrow('No subgraph URL');
  });

  it('sends requests to each replica in turn', async () => {
    const { fetcher, calls } = replicas();
    const fetch = acrossReplicas([A, B], fetcher);

    for (let i = 0; i < 4; i++) await fetch(A, { method: 'POST', body: QUERY });

    expect(calls).toEqual([A, B, A, B]);
  });

  it('sends a request to the next replica when one refuses the connection, even a mutation, and passes over it for a while', async () => {
    const { fetcher, calls } = replicas({ [A]: 'ECONNREFUSED' });
    const fetch = acrossReplicas([A, B], fetcher);

    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await (await fetch(A, { method: 'POST', body: MUTATION })).text());

    expect(answers).toEqual([B, B, B]);
    expect(calls).toEqual([A, B, B, B]);
  });

  it('sends a query again elsewhere when its connection breaks, but never a mutation', async () => {
    const { fetcher } = replicas({ [A]: 'ECONNRESET' });
    const fetch = acrossReplicas([A, B], fetcher);

    expect(await (await fetch(A, { method: 'POST', body: QUERY })).text()).toBe(B);
    await fetch(A, { method: 'POST', body: QUERY }); // B's turn: the next request starts at A again
    await expect(fetch(A, { method: 'POST', body: MUTATION })).rejects.toThrow('ECONNRESET');
  });

  it('reports the last failure when no replica answers', async () => {
    const { fetcher } = replicas({ [A]: 'ECONNREFUSED', [B]: 'ECONNREFUSED' });
    const fetch = acrossReplicas([A, B], fetcher);

    await expect(fetch(A, { method: 'POST', body: QUERY })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
