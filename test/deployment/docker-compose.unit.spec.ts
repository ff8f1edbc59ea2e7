import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { SUBGRAPH_NAMES } from '../../platform/config';
import { projectRoot } from '../../platform/project-root';

/**
 * docker-compose.yml, the Dockerfile and the CI workflow checked as files, since no Docker engine
 * runs here (CI builds the image and starts the stack): each Goliath process starts from a script
 * the build emits, with `node`; one image built once; production by default; and the gateway
 * starts only once the projection runner reports ready.
 */

interface ComposeService {
  readonly image?: string;
  readonly build?: unknown;
  readonly pull_policy?: string;
  readonly command?: unknown;
  readonly environment?: Record<string, string | number | boolean | null>;
  readonly healthcheck?: { readonly test?: unknown };
  readonly depends_on?: Record<string, { readonly condition?: string }> | string[];
}

const root = projectRoot();
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;
const builders = Object.entries(services).filter(([, service]) => service.build !== undefined);
const goliathImage = builders[0]?.[1].image;
const goliathServices = Object.entries(services).filter(([, service]) => service.build !== undefined || (goliathImage !== undefined && service.image === goliathImage));

/** The .js files `npm run build` (tsconfig.build.json) emits under dist/, as paths from the project root. */
function emittedScripts(): Set<string> {
  const unreadable = (diagnostic: ts.Diagnostic) => {
    throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: unreadable });
  if (!parsed) throw new Error('tsconfig.build.json could not be read');
  return new Set(parsed.fileNames.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts')).map((file) => join('dist', relative(root, file)).replace(/\.ts$/, '.js')));
}

/** A value as compose sees it with no variable set in the shell: `${NAME:-default}` and `${NAME-default}` give their default. */
function withEmptyShell(value: unknown): string {
  return String(value).replace(/\$\{[A-Z0-9_]+:?-([^}]*)\}/g, '$1').replace(/\$\{[A-Z0-9_]+\}/g, '');
}

describe('docker-compose.yml', () => {
  it('builds one image, once, that every Goliath service runs without pulling it', () => {
    expect(builders.map(([name]) => name)).toHaveLength(1);
    expect(goliathImage).toBeDefined();
    expect(goliathServices.map(([name]) => name).sort()).toEqual([...SUBGRAPH_NAMES, 'gateway', 'projections'].sort());
    for (const [name, service] of goliathServices) expect({ name, image: service.image, pull: service.pull_policy }).toEqual({ name, image: goliathImage, pull: 'never' });
  });

  it('starts every Goliath process with node and a script the build emits, never with npm', () => {
    const scripts = emittedScripts();
    for (const [name, service] of goliathServices) {
      const command = service.command as string[];
      expect({ name, command: command.slice(0, 1), emitted: scripts.has(command[1]) }).toEqual({ name, command: ['node'], emitted: true });
    }
    expect(JSON.stringify(services)).not.toMatch(/"npm"/);
  });

  it('runs each subgraph as its own service on its SUBGRAPH_PORT, where the gateway looks for it', () => {
    const gateway = services.gateway.environment!;
    for (const subgraph of SUBGRAPH_NAMES) {
      const service = services[subgraph];
      expect(service.command).toEqual(['node', 'dist/app/start-subgraph.js', subgraph]);
      expect(gateway[`SUBGRAPH_${subgraph.toUpperCase()}_URL`]).toBe(`http://${subgraph}:${service.environment!.SUBGRAPH_PORT}/graphql`);
    }
    expect(services.gateway.command).toEqual(['node', 'dist/app/start-gateway.js']);
    expect(services.projections.command).toEqual(['node', 'dist/app/start-projections.js']);
  });

  it('runs in production unless told otherwise', () => {
    for (const [name, service] of goliathServices) expect({ name, NODE_ENV: withEmptyShell(service.environment?.NODE_ENV) }).toEqual({ name, NODE_ENV: 'production' });
  });

  it('starts the gateway once the projection runner reports ready on its health port', () => {
    const projections = services.projections;
    const port = projections.environment?.HEALTH_PORT;
    expect(port).toBeDefined();
    expect(JSON.stringify(projections.healthcheck?.test)).toMatch(/http:\/\/127\.0\.0\.1:' \+ process\.env\.HEALTH_PORT \+ '\/readyz/);
    expect((services.gateway.depends_on as Record<string, { condition?: string }>).projections).toEqual({ condition: 'service_healthy' });
  });

  it('waits for a healthy enterprise subgraph, which makes the signing key, before the other subgraphs start', () => {
    for (const subgraph of SUBGRAPH_NAMES.filter((name) => name !== 'enterprise')) {
      expect((services[subgraph].depends_on as Record<string, { condition?: string }>).enterprise).toEqual({ condition: 'service_healthy' });
    }
  });
});

describe('the Dockerfile', () => {
  it('starts the embedded platform with node by default', () => {
    const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
    const cmd = /^CMD (.+)$/m.exec(dockerfile)?.[1];
    expect(JSON.parse(cmd ?? 'null')).toEqual(['node', 'dist/main.js']);
    expect(emittedScripts().has('dist/main.js')).toBe(true);
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production/m);
  });
});

describe('the CI workflow', () => {
  it('builds the image, validates the compose file and starts the stack', () => {
    const workflow = parse(readFileSync(join(root, '.github', 'workflows', 'ci.yml'), 'utf8')) as { jobs: Record<string, { steps?: { run?: string }[] }> };
    const commands = Object.values(workflow.jobs).flatMap((job) => (job.steps ?? []).map((step) => step.run ?? ''));
    expect(commands.some((run) => /\bdocker build\b/.test(run))).toBe(true);
    expect(commands.some((run) => /\bdocker compose config\b/.test(run))).toBe(true);
    expect(commands.some((run) => /\bdocker compose up\b.*--wait/.test(run))).toBe(true);
  });

  it('runs the suites on Node 20, 22 and 24, each in its own Debian container', () => {
    const workflow = parse(readFileSync(join(root, '.github', 'workflows', 'ci.yml'), 'utf8')) as {
      jobs: { tests: { strategy: { matrix: { node: number[] } }; container: { image: string }; steps: { run?: string }[] } };
    };
    const { tests } = workflow.jobs;
    expect(tests.strategy.matrix.node).toEqual([20, 22, 24]);
    expect(tests.container.image).toBe('node:${{ matrix.node }}-bookworm');
    expect(tests.steps.map((step) => step.run)).toContain('.ci/run');
  });
});
