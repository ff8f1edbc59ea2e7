import { parse } from 'graphql';
import { canonicalText, documentHash, operationDocuments } from './operation-documents';

describe('documentHash', () => {
  it('is the SHA-256 of the text in lower-case hex (FIPS 180-2 test vector)', () => {
    expect(documentHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('operationDocuments', () => {
  const file = `
    # Tenants and their names
    fragment TenantFields on Tenant { id ...TenantName }
    query Tenants($first: Int) { tenants(first: $first) { edges { node { ...TenantFields } } } }
    fragment Unused on Tenant { id }
    fragment TenantName on Tenant { name }
    mutation Rename { renameTenant(id: "t", name: "n") { id } }`;

  it('gives each operation its own document: the operation, then the fragments it uses (through others too) sorted by name, printed', () => {
    expect(operationDocuments(parse(file))).toEqual([
      {
        name: 'Tenants',
        type: 'query',
        body: [
          'query Tenants($first: Int) {\n  tenants(first: $first) {\n    edges {\n      node {\n        ...TenantFields\n      }\n    }\n  }\n}',
          'fragment TenantFields on Tenant {\n  id\n  ...TenantName\n}',
          'fragment TenantName on Tenant {\n  name\n}',
        ].join('\n\n'),
      },
      { name: 'Rename', type: 'mutation', body: 'mutation Rename {\n  renameTenant(id: "t", name: "n") {\n    id\n  }\n}' },
    ]);
  });

  it('gives the same text whatever the file’s layout, comments and order of definitions', () => {
    const relaidOut = `fragment TenantName on Tenant {name}
      query Tenants($first:Int){tenants(first:$first){edges{node{...TenantFields}}}}
      fragment TenantFields on Tenant {
        id # the id
        ...TenantName
      }`;
    expect(operationDocuments(parse(relaidOut))[0].body).toBe(operationDocuments(parse(file))[0].body);
  });

  it('is the canonical text of the document it makes, so a client sending that text matches it', () => {
    for (const { body } of operationDocuments(parse(file))) expect(canonicalText(parse(body))).toBe(body);
  });
});
