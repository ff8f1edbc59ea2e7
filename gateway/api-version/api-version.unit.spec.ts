import { buildSchema, parse } from 'graphql';
import { negotiateApiVersion, unsupportedApiVersion } from './api-version-negotiation';
import { deprecatedUsage } from './deprecated-usage';

describe('negotiateApiVersion', () => {
  const settings = { current: 2, supported: [1, 2] };

  it('serves the current version when none is asked for', () => {
    expect(negotiateApiVersion(undefined, settings)).toEqual({ supported: true, version: 2, requestedByClient: false });
  });

  it('serves a supported version asked for', () => {
    expect(negotiateApiVersion(' 1 ', settings)).toEqual({ supported: true, version: 1, requestedByClient: true });
  });

  it.each(['3', 'v1', '1.0', 'latest'])('refuses %s', (header) => {
    expect(negotiateApiVersion(header, settings)).toEqual({ supported: false, requested: header });
  });

  it('names the supported versions when refusing', () => {
    const error = unsupportedApiVersion('3', settings);
    expect(error.extensions).toMatchObject({ code: 'UNSUPPORTED_API_VERSION', supportedVersions: [1, 2], http: { status: 400 } });
    expect(error.message).toContain('one of: 1, 2');
  });
});

describe('deprecatedUsage', () => {
  const schema = buildSchema(`
    type Query {
      tenant(id: ID, slug: String @deprecated(reason: "Use id.")): Tenant
      tenants: [Tenant!]!
    }
    type Tenant { id: ID! name: String! label: String @deprecated(reason: "Use name.") }
  `);

  it('lists the deprecated fields and arguments an operation uses, once each, removed in the next major', () => {
    const document = parse('{ tenant(slug: "a") { label name } tenants { label } }');
    expect(deprecatedUsage(schema, document, 1)).toEqual([
      { field: 'Query.tenant(slug:)', reason: 'Use id.', removalVersion: 2 },
      { field: 'Tenant.label', reason: 'Use name.', removalVersion: 2 },
    ]);
  });

  it('is empty when nothing deprecated is used', () => {
    expect(deprecatedUsage(schema, parse('{ tenants { id name } }'), 1)).toEqual([]);
  });
});
