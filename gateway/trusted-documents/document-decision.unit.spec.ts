import { decideDocument, refusal, type DocumentDecision } from './document-decision';
import { documentHash } from './operation-documents';
import { TrustedDocumentRegistry } from './trusted-document-registry';

const TENANTS = 'query Tenants {\n  tenants {\n    totalCount\n  }\n}';
const UNREGISTERED = 'query Everything { tenants { edges { node { id name } } } }';
const registry = new TrustedDocumentRegistry([
  { id: documentHash(TENANTS), body: TENANTS },
  // A client build's manifest may name a document otherwise (Codegen hashes with SHA-1).
  { id: 'sha1-of-rename', body: 'mutation Rename { renameTenant(id: "t", name: "n") { id } }' },
]);
const dev = (request: Parameters<typeof decideDocument>[0]) => decideDocument(request, registry, true);
const production = (request: Parameters<typeof decideDocument>[0]) => decideDocument(request, registry, false);

describe('decideDocument', () => {
  it('runs the registered body when only its id is sent (APQ hash or documentId, with or without "sha256:")', () => {
    for (const documentId of [documentHash(TENANTS), `sha256:${documentHash(TENANTS)}`]) {
      expect(production({ documentId, fromPlayground: false })).toEqual({ outcome: 'registered', body: TENANTS });
    }
    expect(production({ documentId: 'sha1-of-rename', fromPlayground: false })).toMatchObject({ outcome: 'registered', body: expect.stringMatching(/^mutation Rename/) });
  });

  it('runs a registered text, as registered or laid out otherwise (as written in its .graphql file), with or without its hash', () => {
    expect(production({ query: TENANTS, fromPlayground: false })).toEqual({ outcome: 'registered', body: TENANTS });
    const asWritten = '# the count\nquery Tenants { tenants { totalCount } }';
    expect(production({ query: asWritten, documentId: documentHash(asWritten), fromPlayground: false })).toEqual({ outcome: 'registered', body: asWritten });
  });

  it('names an unregistered text by its hash, and an unknown id by itself', () => {
    expect(production({ query: UNREGISTERED, fromPlayground: false })).toEqual({ outcome: 'unregistered-text', hash: documentHash(UNREGISTERED) });
    expect(production({ query: 'query {', fromPlayground: false })).toEqual({ outcome: 'unregistered-text', hash: documentHash('query {') });
    expect(production({ documentId: 'f00d', fromPlayground: false })).toEqual({ outcome: 'unknown-id', id: 'f00d' });
  });

  it('runs what the Playground sends outside production only', () => {
    expect(dev({ query: UNREGISTERED, fromPlayground: true })).toEqual({ outcome: 'playground' });
    expect(production({ query: UNREGISTERED, fromPlayground: true })).toEqual({ outcome: 'unregistered-text', hash: documentHash(UNREGISTERED) });
    expect(dev({ query: UNREGISTERED, fromPlayground: false })).toMatchObject({ outcome: 'unregistered-text' });
  });

  it('leaves a request with neither text nor id to Apollo Server', () => {
    expect(production({ query: '', fromPlayground: false })).toEqual({ outcome: 'no-document' });
  });
});

describe('refusal', () => {
  const unregistered: DocumentDecision = { outcome: 'unregistered-text', hash: 'abc' };
  const unknown: DocumentDecision = { outcome: 'unknown-id', id: 'f00d' };

  it('refuses, in enforce mode, an unregistered text with PERSISTED_QUERY_NOT_TRUSTED and an unknown id with PERSISTED_QUERY_NOT_FOUND, each saying how to register', () => {
    const notTrusted = refusal(unregistered, 'enforce');
    expect(notTrusted?.extensions.code).toBe('PERSISTED_QUERY_NOT_TRUSTED');
    expect(notTrusted?.message).toMatch(/\(SHA-256 abc\) is not registered: register the document with `goliath documents register FILE.graphql`/);
    const notFound = refusal(unknown, 'enforce');
    expect(notFound?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(notFound?.message).toMatch(/^No trusted document has id f00d: .*goliath documents register/);
  });

  it('refuses nothing it runs, and nothing in the log and off modes', () => {
    expect(refusal({ outcome: 'registered', body: TENANTS }, 'enforce')).toBeUndefined();
    expect(refusal({ outcome: 'playground' }, 'enforce')).toBeUndefined();
    for (const mode of ['log', 'off'] as const) {
      expect(refusal(unregistered, mode)).toBeUndefined();
      expect(refusal(unknown, mode)).toBeUndefined();
    }
  });
});
