import { projectRoot } from '../../platform/project-root';
import { moduleReferences, readImportGraph, type ImportEdge } from './import-graph';
import { checkImportRules, MAY_IMPORT, stronglyConnected } from './import-rules';

const edge = (from: string, to: string, typeOnly = false): ImportEdge => ({ from, to, resolved: true, typeOnly });

describe('the import rules of DESIGN.md §2', () => {
  it('hold for every TypeScript file of the project', () => {
    const edges = readImportGraph(projectRoot());
    expect(edges.length).toBeGreaterThan(1000);
    expect(checkImportRules(edges)).toEqual([]);
  });

  it('form no cycle themselves, so the folders can be layered', () => {
    const graph = new Map(Object.entries(MAY_IMPORT).map(([folder, allowed]) => [folder, new Set(allowed === 'anything' ? [] : allowed)]));
    expect(stronglyConnected(graph).filter((component) => component.length > 1)).toEqual([]);
  });
});

describe('the import-rules checker', () => {
  it('passes imports that follow the table', () => {
    const edges = [
      edge('schema/events/tenant-events.ts', 'platform/commands/decider.ts', true),
      edge('subgraphs/optimization/server.ts', 'subgraphs/optimization/graphql/problem-resolver.ts'),
      edge('subgraphs/optimization/server.ts', 'schema/events/index.ts'),
      edge('projections/tenants.ts', 'schema/read-models/tenants.ts'),
      edge('app/embedded.ts', 'subgraphs/enterprise/server.ts'),
      edge('cli/audit-command.ts', 'app/stores.ts'),
      edge('scripts/token.ts', 'app/stores.ts'),
      edge('main.ts', 'app/embedded.ts'),
      edge('test/e2e/platform.e2e.spec.ts', 'subgraphs/community/server.ts'),
      edge('bench/auth.bench.ts', 'test/support/slapd.ts'),
      edge('gateway/subscriptions/server.int.spec.ts', 'test/support/gateway-client.ts'),
      edge('schema/supergraph.int.spec.ts', 'app/compose-supergraph.ts'),
      edge('cli/goliath.unit.spec.ts', 'platform/audit/test-support/sample-audit-entry.ts'),
    ];
    expect(checkImportRules(edges, [])).toEqual([]);
  });

  it('names each import that breaks a rule, and the rule', () => {
    const edges = [
      edge('platform/config.ts', 'projections/index.ts'),
      edge('schema/events/a.ts', 'platform/errors.ts'),
      edge('subgraphs/scaling/server.ts', 'subgraphs/enterprise/tenants/tenant-lookup.ts'),
      edge('projections/runner.ts', 'subgraphs/optimization/domain/decider.ts'),
      edge('gateway/gateway-server.ts', 'app/stores.ts'),
      edge('subgraphs/enterprise/server.ts', 'test/support/slapd.ts'),
      edge('platform/audit/chain.ts', 'platform/audit/test-support/sample.ts'),
      edge('platform/auth/x.int.spec.ts', 'schema/events/session-events.ts'),
      edge('tools/lint.ts', 'platform/config.ts'),
      { from: 'cli/goliath.ts', to: 'cli/missing', resolved: false, typeOnly: false },
    ];
    expect(checkImportRules(edges, [])).toEqual([
      'platform/config.ts → projections/index.ts: platform/ may import nothing of the project outside itself',
      'schema/events/a.ts → platform/errors.ts: schema/ may import platform/ types only (use `import type`; hand values in as parameters)',
      'subgraphs/scaling/server.ts → subgraphs/enterprise/tenants/tenant-lookup.ts: a subgraph never imports another subgraph (subgraphs/scaling/ may import only platform/, schema/, itself)',
      'projections/runner.ts → subgraphs/optimization/domain/decider.ts: projections/ may import only platform/, schema/, itself',
      'gateway/gateway-server.ts → app/stores.ts: gateway/ may import only platform/, schema/, itself',
      'subgraphs/enterprise/server.ts → test/support/slapd.ts: production code never imports test code (test/, *.spec.ts, test-support/)',
      'platform/audit/chain.ts → platform/audit/test-support/sample.ts: production code never imports test code (test/, *.spec.ts, test-support/)',
      'platform/auth/x.int.spec.ts → schema/events/session-events.ts: platform/ may import nothing of the project outside itself',
      "tools/lint.ts → platform/config.ts: tools/ has no row in DESIGN.md §2's table (add one to test/architecture/import-rules.ts)",
      'cli/goliath.ts → cli/missing: resolves to no file of the project',
    ]);
  });

  it('finds an import cycle between top-level folders and lists the imports that make it', () => {
    const edges = [
      edge('platform/compliance/facts.ts', 'schema/read-models/compliance.ts', true),
      edge('schema/read-models/compliance.ts', 'platform/compliance/request.ts', true),
      edge('schema/events/tenant-events.ts', 'platform/commands/decider.ts', true),
    ];
    expect(checkImportRules(edges, [])).toEqual([
      'platform/compliance/facts.ts → schema/read-models/compliance.ts: platform/ may import nothing of the project outside itself',
      [
        'import cycle between top-level folders platform/ ↔ schema/:',
        '    platform/compliance/facts.ts → schema/read-models/compliance.ts',
        '    schema/read-models/compliance.ts → platform/compliance/request.ts',
        '    schema/events/tenant-events.ts → platform/commands/decider.ts',
      ].join('\n'),
    ]);
  });

  it('lets a listed value import through, and fails once the allowance is no longer needed', () => {
    const allowance = { from: 'schema/supergraph.ts', to: 'platform/project-root.ts', why: 'test' };
    expect(checkImportRules([edge('schema/supergraph.ts', 'platform/project-root.ts')], [allowance])).toEqual([]);
    expect(checkImportRules([edge('schema/supergraph.ts', 'platform/project-root.ts', true)], [allowance])).toEqual([
      'schema/supergraph.ts → platform/project-root.ts: allowed as a value import, but no longer imported so; remove the allowance',
    ]);
  });

  it('reads every form of module reference, and tells type-only ones apart', () => {
    const source = [
      "import { a } from './value';",
      "import type { B } from './type';",
      "import { type C, type D } from './all-types';",
      "import { type E, f } from './mixed';",
      "import './side-effect';",
      "export { g } from './re-export';",
      "export type { H } from './type-re-export';",
      "export * from './star';",
      "import i = require('./import-equals');",
      "const j = require('./require');",
      "const k = () => import('./dynamic');",
      "let l: import('./type-query').L;",
      "jest.mock('./mocked');",
      "import { readFileSync } from 'node:fs';",
    ].join('\n');
    expect(moduleReferences('x.ts', source)).toEqual([
      { specifier: './value', typeOnly: false },
      { specifier: './type', typeOnly: true },
      { specifier: './all-types', typeOnly: true },
      { specifier: './mixed', typeOnly: false },
      { specifier: './side-effect', typeOnly: false },
      { specifier: './re-export', typeOnly: false },
      { specifier: './type-re-export', typeOnly: true },
      { specifier: './star', typeOnly: false },
      { specifier: './import-equals', typeOnly: false },
      { specifier: './require', typeOnly: false },
      { specifier: './dynamic', typeOnly: false },
      { specifier: './type-query', typeOnly: true },
      { specifier: './mocked', typeOnly: false },
      { specifier: 'node:fs', typeOnly: false },
    ]);
  });
});
