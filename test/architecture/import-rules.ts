import type { ImportEdge } from './import-graph';

/** A top-level folder as the rules see it: each subgraph is a folder of its own (`subgraphs/optimization`). */
type Layer = 'platform' | 'schema' | 'subgraphs/*' | 'projections' | 'gateway' | 'app' | 'cli' | 'scripts' | 'main.ts' | 'test' | 'bench';

const BELOW_APP: readonly Layer[] = ['platform', 'schema', 'subgraphs/*', 'projections', 'gateway'];

/**
 * DESIGN.md §2's table: the folders each folder's code may import besides itself. `subgraphs/*`
 * stands for every subgraph, yet a subgraph may import only its own folder, never another
 * subgraph. `app/` is importable only by the folders that list it (main.ts, cli/, scripts/) and by
 * the suites that may import anything (test/, bench/).
 */
export const MAY_IMPORT: Readonly<Record<Layer, readonly Layer[] | 'anything'>> = {
  platform: [],
  schema: ['platform'],
  'subgraphs/*': ['platform', 'schema'],
  // The table says `schema/events`, but §2 also puts read-model shapes in schema/ ("Domain
  // vocabulary (event payloads, the compliance catalogue, read-model shapes) lives in schema/"),
  // and a projection writes read models: so all of schema/.
  projections: ['platform', 'schema'],
  gateway: ['platform', 'schema'],
  app: BELOW_APP,
  cli: ['app', ...BELOW_APP],
  // Issue 8: scripts/ may import like cli/.
  scripts: ['app', ...BELOW_APP],
  'main.ts': ['app', ...BELOW_APP],
  test: 'anything',
  bench: 'anything',
};

/** §2: schema/ imports `platform/` "types only": its contracts may name platform types, never run platform code. */
export const TYPES_ONLY_FROM: Partial<Record<Layer, readonly Layer[]>> = { schema: ['platform'] };

export interface ValueImportAllowance {
  readonly from: string;
  readonly to: string;
  readonly why: string;
}

/** Value imports the types-only rule lets through; each must still be in use, so the list cannot go stale. */
export const VALUE_IMPORT_ALLOWANCES: readonly ValueImportAllowance[] = [
  {
    from: 'schema/supergraph.ts',
    to: 'platform/project-root.ts',
    why: 'reads the checked-in supergraph.graphql, so it must find the project root from source and from dist/ alike',
  },
];

/**
 * Test code: the suites under test/, `*.spec.ts` files and `test-support/` folders beside the code.
 * Test code beside the code follows its folder's rule, and may also import the shared helpers in
 * test/support/ and (§2: "nothing imports app/ but main.ts, cli/, bench/ and tests") app/, to
 * start the wired platform. Only test code and bench/ import test code, so no process started
 * from main.ts, cli/ or scripts/ loads a test helper.
 */
export function isTestCode(path: string): boolean {
  return path.startsWith('test/') || /\.spec\.tsx?$/.test(path) || path.split('/').includes('test-support');
}

const SHARED_TEST_HELPERS = 'test/support/';
const WIRING = 'app';

/** `subgraphs/enterprise/server.ts` → `subgraphs/enterprise`; `platform/config.ts` → `platform`; `main.ts` → `main.ts`. */
export function folderOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] === 'subgraphs' && parts.length > 2) return `subgraphs/${parts[1]}`;
  return parts[0];
}

function layerOf(folder: string): Layer | undefined {
  if (folder.startsWith('subgraphs/')) return 'subgraphs/*';
  return Object.hasOwn(MAY_IMPORT, folder) ? (folder as Layer) : undefined;
}

/** Every import that breaks a rule, and every import cycle between top-level folders, one message each. */
export function checkImportRules(edges: readonly ImportEdge[], allowances: readonly ValueImportAllowance[] = VALUE_IMPORT_ALLOWANCES): string[] {
  const usedAllowances = new Set<ValueImportAllowance>();
  const violations = edges.flatMap((edge) => {
    const rule = brokenRule(edge, allowances, usedAllowances);
    return rule ? [`${edge.from} → ${edge.to}: ${rule}`] : [];
  });
  const stale = allowances
    .filter((allowance) => !usedAllowances.has(allowance))
    .map((allowance) => `${allowance.from} → ${allowance.to}: allowed as a value import, but no longer imported so; remove the allowance`);
  return [...violations, ...folderCycles(edges), ...stale];
}

function brokenRule(edge: ImportEdge, allowances: readonly ValueImportAllowance[], usedAllowances: Set<ValueImportAllowance>): string | undefined {
  if (!edge.resolved) return 'resolves to no file of the project';
  const from = folderOf(edge.from);
  const to = folderOf(edge.to);
  const fromLayer = layerOf(from);
  if (!fromLayer) return `${describe(from)} has no row in DESIGN.md §2's table (add one to test/architecture/import-rules.ts)`;
  const allowed = MAY_IMPORT[fromLayer];
  const testCode = isTestCode(edge.from);
  if (!testCode && allowed !== 'anything' && isTestCode(edge.to)) return 'production code never imports test code (test/, *.spec.ts, test-support/)';
  if (from === to) return undefined;
  if (testCode && (edge.to.startsWith(SHARED_TEST_HELPERS) || to === WIRING)) return undefined;
  const toLayer = layerOf(to);
  if (allowed !== 'anything' && (!toLayer || !allowed.includes(toLayer))) return folderRule(from, fromLayer, allowed, toLayer);
  if (!testCode && toLayer && TYPES_ONLY_FROM[fromLayer]?.includes(toLayer) && !edge.typeOnly) {
    const allowance = allowances.find((candidate) => candidate.from === edge.from && candidate.to === edge.to);
    if (allowance) usedAllowances.add(allowance);
    else return `${describe(from)} may import ${describe(to)} types only (use \`import type\`; hand values in as parameters)`;
  }
  return undefined;
}

function folderRule(from: string, fromLayer: Layer, allowed: readonly Layer[], toLayer: Layer | undefined): string {
  const list = allowed.length === 0 ? 'nothing of the project outside itself' : `only ${[...allowed.map(describe), 'itself'].join(', ')}`;
  if (fromLayer === 'subgraphs/*' && toLayer === 'subgraphs/*') return `a subgraph never imports another subgraph (${describe(from)} may import ${list})`;
  return `${describe(from)} may import ${list}`;
}

function describe(folder: string): string {
  return folder.endsWith('.ts') ? folder : `${folder}/`;
}

/** Cycles among top-level folders in production code (test code may import anything it tests, so it is left out). */
function folderCycles(edges: readonly ImportEdge[]): string[] {
  const crossing = edges.filter((edge) => edge.resolved && !isTestCode(edge.from) && !isTestCode(edge.to) && folderOf(edge.from) !== folderOf(edge.to));
  const graph = new Map<string, Set<string>>();
  for (const edge of crossing) {
    const targets = graph.get(folderOf(edge.from)) ?? new Set<string>();
    targets.add(folderOf(edge.to));
    graph.set(folderOf(edge.from), targets);
  }
  return stronglyConnected(graph)
    .filter((component) => component.length > 1)
    .map((component) => {
      const members = new Set(component);
      const imports = crossing.filter((edge) => members.has(folderOf(edge.from)) && members.has(folderOf(edge.to))).map((edge) => `\n    ${edge.from} → ${edge.to}`);
      return `import cycle between top-level folders ${component.map(describe).join(' ↔ ')}:${imports.join('')}`;
    });
}

/** Tarjan's algorithm; each component's members sorted, so messages are stable. */
export function stronglyConnected(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    lowLink.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node) as number, lowLink.get(next) as number));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node) as number, index.get(next) as number));
      }
    }
    if (lowLink.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}
