import { runsUploadsOnly } from './graphql-body';

const UPLOAD = 'mutation Upload($input: CreateProblemFromFileInput!) { createProblemFromFile(input: $input) { id } }';

describe('runsUploadsOnly: which oversized bodies may be read', () => {
  it('given a mutation selecting only createProblemFromFile, when judged, then it may', () => {
    expect(runsUploadsOnly({ query: UPLOAD, variables: {} }, 1000)).toBe(true);
    expect(runsUploadsOnly({ query: `${UPLOAD} query Other { problems(tenantId: "t") { totalCount } }`, operationName: 'Upload' }, 1000)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['another operation', { query: 'query { problems(tenantId: "t") { totalCount } }' }],
    ['an upload beside another root field', { query: 'mutation { createProblemFromFile(input: {}) { id } createProblem(input: {}) { id } }' }],
    ['the upload named in a query', { query: '{ createProblemFromFile { id } }' }],
    ['a fragment spread at the root', { query: 'mutation { ...F } fragment F on Mutation { createProblemFromFile(input: {}) { id } }' }],
    ['the document of another operation of the request', { query: `${UPLOAD} query Other { problems(tenantId: "t") { totalCount } }`, operationName: 'Other' }],
    ['several operations and none named', { query: `${UPLOAD} query Other { problems(tenantId: "t") { totalCount } }` }],
    ['a persisted query id without its text', { extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }],
    ['a document that does not parse', { query: 'mutation { createProblemFromFile(' }],
    ['a batch', [{ query: UPLOAD }]],
  ])('given %s, when judged, then it may not', (_case, body) => {
    expect(runsUploadsOnly(body, 1000)).toBe(false);
  });

  it('given a document over the token limit, when judged, then it may not (parsing stops at the limit)', () => {
    expect(runsUploadsOnly({ query: UPLOAD }, 5)).toBe(false);
  });
});
