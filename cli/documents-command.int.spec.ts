import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentHash } from '../gateway/trusted-documents/operation-documents';
import { runDocuments } from './documents-command';
import { capturedIo } from './test-support/captured-io';
import { UsageError } from './usage-error';

const TENANTS_FILE = `# The first tenants, with their names
query Tenants($first: Int!) { tenants(first: $first) { edges { node { ...TenantFields } } } }
`;
const FRAGMENTS_FILE = 'fragment TenantFields on Tenant { id name }\n';
const RENAME_FILE = 'mutation RenameTenant($id: ID!, $name: String!) { renameTenant(id: $id, name: $name) { ...TenantFields } }\n';
const TENANTS_BODY = [
  'query Tenants($first: Int!) {\n  tenants(first: $first) {\n    edges {\n      node {\n        ...TenantFields\n      }\n    }\n  }\n}',
  'fragment TenantFields on Tenant {\n  id\n  name\n}',
].join('\n\n');

/** `goliath documents` in-process, against the checked-in supergraph, writing the manifest under a fresh DATA_DIR. */
describe('goliath documents', () => {
  let directory: string;
  let env: NodeJS.ProcessEnv;
  let manifestPath: string;
  const file = (name: string, text: string) => {
    const path = join(directory, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  const documents = async (...argv: string[]) => {
    const io = capturedIo();
    const code = await runDocuments(argv, io, env);
    return { code, lines: io.out().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
  };

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'goliath-documents-cli-'));
    env = { DATA_DIR: join(directory, 'data') };
    manifestPath = join(directory, 'data', 'trusted-documents.json');
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it('registers each operation of a folder with the fragments it uses from other files, under the SHA-256 of its canonical text', async () => {
    file('client/tenants.graphql', TENANTS_FILE);
    file('client/fragments/tenant.graphql', FRAGMENTS_FILE);
    file('client/rename.gql', RENAME_FILE);
    file('client/README.md', 'not a document');

    const registered = await documents('register', join(directory, 'client'));

    expect(registered.code).toBe(0);
    expect(registered.lines).toEqual([
      { id: expect.any(String), name: 'RenameTenant', type: 'mutation', added: true },
      { id: documentHash(TENANTS_BODY), name: 'Tenants', type: 'query', added: true },
    ]);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { format: string; version: number; operations: { id: string; body: string }[] };
    expect(manifest).toMatchObject({ format: 'apollo-persisted-query-manifest', version: 1 });
    expect(manifest.operations.find((operation) => operation.id === documentHash(TENANTS_BODY))?.body).toBe(TENANTS_BODY);
    expect((await documents('list')).lines.map((line) => line.name)).toEqual(['RenameTenant', 'Tenants']);
  }, 30_000);

  it('keeps what is registered and says which documents were registered already', async () => {
    const fragments = file('fragments.graphql', FRAGMENTS_FILE);
    await documents('register', file('tenants.graphql', TENANTS_FILE), fragments);

    const again = await documents('register', file('rename.graphql', RENAME_FILE), file('tenants-again.graphql', TENANTS_FILE), fragments);

    expect(again.lines.map(({ name, added }) => ({ name, added }))).toEqual([
      { name: 'RenameTenant', added: true },
      { name: 'Tenants', added: false },
    ]);
    expect((await documents('list')).lines.map((line) => line.name)).toEqual(['Tenants', 'RenameTenant']);
  }, 30_000);

  it('merges a manifest from a client build, keeping its ids', async () => {
    const codegen = file('persisted-documents.json', JSON.stringify({ '0a1b': 'query FirstTenantPage { tenants(first: 1) { pageInfo { hasNextPage } } }' }));

    await documents('register', codegen);

    expect((await documents('list')).lines).toEqual([{ id: '0a1b', name: 'FirstTenantPage', type: 'query', body: 'query FirstTenantPage { tenants(first: 1) { pageInfo { hasNextPage } } }' }]);
  }, 30_000);

  it('refuses an operation the schema does not have, naming file, line and column, and writes nothing', async () => {
    const fragments = file('fragments.graphql', FRAGMENTS_FILE);
    await documents('register', file('tenants.graphql', TENANTS_FILE), fragments);
    const before = readFileSync(manifestPath, 'utf8');
    const broken = file('broken.graphql', 'query Broken {\n  tenants(first: 1) { totalCont }\n}\n');

    const refused = documents('register', file('rename.graphql', RENAME_FILE), fragments, broken);

    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(`nothing registered:\n${broken}:2:23: Cannot query field "totalCont" on type "TenantConnection".`);
    expect(readFileSync(manifestPath, 'utf8')).toBe(before);
  }, 30_000);

  it.each([
    ['a syntax error', 'query Tenants { tenants(first: 1) {', /broken\.graphql:1:36: Syntax Error: Expected Name, found <EOF>\./],
    ['an anonymous operation', '{ tenants(first: 1) { totalCount } }', /broken\.graphql:1:1: the query has no name: name every operation/],
    ['a type definition', 'type Extra { id: ID }', /broken\.graphql:1:1: The "Extra" definition is not executable\./],
  ])('refuses %s and writes nothing', async (_case, text, message) => {
    await expect(documents('register', file('broken.graphql', text))).rejects.toThrow(message);
    expect(existsSync(manifestPath)).toBe(false);
  }, 30_000);

  it.each([
    [[], 'missing action: register or list'],
    [['register'], 'documents register needs the .graphql files (or folders, or .json manifests) to register'],
    [['register', '/no/such/file.graphql'], '/no/such/file.graphql does not exist'],
    [['publish'], 'unknown action "publish": register or list'],
  ])('refuses %j', async (argv, message) => {
    await expect(documents(...argv)).rejects.toThrow(new UsageError(message));
  });
});
