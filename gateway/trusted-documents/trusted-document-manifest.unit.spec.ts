import { manifestJson, mergeDocuments, parseManifest, type TrustedDocument } from './trusted-document-manifest';

const tenants: TrustedDocument = { id: 'a1', name: 'Tenants', type: 'query', body: 'query Tenants { tenants { totalCount } }' };
const rename: TrustedDocument = { id: 'b2', name: 'Rename', type: 'mutation', body: 'mutation Rename { renameTenant(id: "t", name: "n") { id } }' };

describe('parseManifest', () => {
  it("reads Apollo's persisted-query manifest", () => {
    const json = JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [tenants, rename] });
    expect(parseManifest(json, 'apollo.json')).toEqual([tenants, rename]);
  });

  it("reads GraphQL Codegen's map of id → document, keeping its ids and naming each operation from its body", () => {
    const json = JSON.stringify({ a1: tenants.body, b2: rename.body });
    expect(parseManifest(json, 'codegen.json')).toEqual([tenants, rename]);
  });

  it('reads back what manifestJson writes', () => {
    expect(parseManifest(manifestJson([tenants, rename]), 'written.json')).toEqual([tenants, rename]);
    expect(JSON.parse(manifestJson([tenants]))).toEqual({ format: 'apollo-persisted-query-manifest', version: 1, operations: [tenants] });
  });

  it.each([
    ['not JSON', '{', /^m\.json is not JSON/],
    ['a list', '[]', /^m\.json is not a persisted-document manifest/],
    ['another format', JSON.stringify({ format: 'relay', version: 1, operations: [] }), /expected format "apollo-persisted-query-manifest", version 1/],
    ['a body that does not parse', JSON.stringify({ a1: 'query {' }), /^m\.json: operation a1 does not parse: Syntax Error/],
    ['a body with two operations', JSON.stringify({ a1: 'query A { a } query B { b }' }), /^m\.json: operation a1 must hold exactly one operation/],
    ['an operation without a body', JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'a1' }] }), /^m\.json: operation a1 has no body/],
  ])('refuses %s, naming the file', (_case, json, message) => {
    expect(() => parseManifest(json, 'm.json')).toThrow(message);
  });
});

describe('mergeDocuments', () => {
  it('adds the documents not registered yet, after those that are, and says which are new', () => {
    const { documents, newIds } = mergeDocuments([tenants], [tenants, rename]);
    expect(documents).toEqual([tenants, rename]);
    expect([...newIds]).toEqual(['b2']);
  });

  it('refuses an id registered for another document', () => {
    expect(() => mergeDocuments([tenants], [{ ...rename, id: 'a1' }])).toThrow('id a1 is already registered for another document (Tenants query)');
  });
});
