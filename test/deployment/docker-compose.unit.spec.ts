import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { SUBGRAPH_NAMES } from '../../platform/config';
import { registry } from '../../platform/metrics/metrics';
import { projectRoot } from '../../platform/project-root';
import { eventStoreSettings, readStoreSettings } from '../../platform/store-settings';

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

describe('the stores in docker-compose.yml', () => {
  /** A service's environment as compose gives it, with these variables set in the shell (the others unset). */
  const environmentOf = (service: ComposeService, shell: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(service.environment ?? {}).map(([name, value]) => [name, withEmptyShell(String(value).replace(/\$\{([A-Z0-9_]+):?-[^}]*\}/g, (whole, variable: string) => shell[variable] ?? whole))]),
    );

  it('keeps every Goliath service on EventStoreDB and MongoDB by default', () => {
    for (const [name, service] of goliathServices) {
      const env = environmentOf(service, {});
      expect({ name, events: eventStoreSettings(env).kind, reads: readStoreSettings(env).kind }).toEqual({ name, events: 'eventstoredb', reads: 'mongodb' });
    }
  });

  it('has a postgres profile: a PostgreSQL service that every Goliath service waits for when it runs and uses for both with EVENT_STORE and READ_STORE', () => {
    const postgres = services.postgres as ComposeService & { profiles?: string[] };
    expect(postgres.profiles).toEqual(['postgres']);
    const database = postgres.environment!;
    for (const [name, service] of goliathServices) {
      const env = environmentOf(service, { EVENT_STORE: 'postgres', READ_STORE: 'postgres' });
      const expectedUrl = `postgres://${database.POSTGRES_USER}:${withEmptyShell(database.POSTGRES_PASSWORD)}@postgres:5432/${database.POSTGRES_DB}`;
      expect({ name, events: eventStoreSettings(env), reads: readStoreSettings(env) }).toEqual({
        name,
        events: { kind: 'postgres', url: expectedUrl, schema: undefined, poolSize: 5 },
        reads: { kind: 'postgres', url: expectedUrl, schema: undefined, poolSize: 5 },
      });
      // Whatever waits for EventStoreDB (the rest wait for those services) waits for PostgreSQL when it runs.
      const dependsOn = service.depends_on as Record<string, unknown>;
      if (dependsOn.eventstore) expect({ name, waitsFor: dependsOn.postgres }).toEqual({ name, waitsFor: { condition: 'service_healthy', required: false } });
    }
  });
});

describe('Prometheus and Grafana in docker-compose.yml', () => {
  const readYaml = <T>(path: string) => parse(readFileSync(join(root, path), 'utf8')) as T;
  const mounted = (service: string, target: string) => (services[service] as { volumes?: string[] }).volumes?.find((volume) => volume.split(':')[1] === target)?.split(':')[0];
  const prometheus = readYaml<{ scrape_configs: { metrics_path?: string; static_configs: { targets: string[] }[] }[] }>('deploy/prometheus/prometheus.yml');
  const dashboard = JSON.parse(readFileSync(join(root, 'deploy/grafana/dashboards/goliath.json'), 'utf8')) as { panels: { type: string; datasource?: { uid: string }; targets?: { expr: string; datasource?: { uid: string } }[] }[] };
  const queries = dashboard.panels.flatMap((panel) => panel.targets ?? []);

  it('runs Prometheus over the configuration kept in the repository, scraping every Goliath service on its METRICS_PORT', () => {
    expect(services.prometheus.image).toMatch(/^prom\/prometheus:/);
    expect(mounted('prometheus', '/etc/prometheus/prometheus.yml')).toBe('./deploy/prometheus/prometheus.yml');
    const targets = prometheus.scrape_configs.flatMap((job) => job.static_configs.flatMap((config) => config.targets.map((target) => `${target}${job.metrics_path ?? '/metrics'}`)));
    const expected = goliathServices.map(([name, service]) => `${name}:${withEmptyShell(service.environment?.METRICS_PORT)}/metrics`);
    expect(expected.every((target) => /:\d+\/metrics$/.test(target))).toBe(true);
    expect(targets.sort()).toEqual(expected.sort());
  });

  it('runs Grafana with the Prometheus datasource and the dashboards folder provisioned from the repository', () => {
    expect(services.grafana.image).toMatch(/^grafana\/grafana:/);
    expect(mounted('grafana', '/etc/grafana/provisioning')).toBe('./deploy/grafana/provisioning');
    const { datasources } = readYaml<{ datasources: { uid: string; type: string; url: string }[] }>('deploy/grafana/provisioning/datasources/prometheus.yml');
    expect(datasources).toEqual([expect.objectContaining({ type: 'prometheus', url: 'http://prometheus:9090' })]);
    const { providers } = readYaml<{ providers: { type: string; options: { path: string } }[] }>('deploy/grafana/provisioning/dashboards/goliath.yml');
    expect(providers).toEqual([expect.objectContaining({ type: 'file' })]);
    expect(mounted('grafana', providers[0].options.path)).toBe('./deploy/grafana/dashboards');
    // Every query of the dashboard asks the provisioned datasource.
    const uids = dashboard.panels.filter((panel) => panel.type !== 'row').flatMap((panel) => [panel.datasource?.uid, ...(panel.targets ?? []).map((target) => target.datasource?.uid)]);
    expect(new Set(uids)).toEqual(new Set([datasources[0].uid]));
  });

  it('charts only metrics Goliath defines, among them requests, errors, latency, projection lag, the solver pools and solve jobs', () => {
    const defined = new Set(
      registry.getMetricsAsArray().flatMap(({ name, type }) => (String(type) === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name])),
    );
    const charted = new Set(queries.flatMap((query) => metricNamesIn(query.expr)));
    expect([...charted].filter((name) => !defined.has(name))).toEqual([]);
    expect([...charted]).toEqual(
      expect.arrayContaining([
        'goliath_gateway_requests_total',
        'goliath_gateway_errors_total',
        'goliath_gateway_request_duration_seconds_bucket',
        'goliath_projection_lag',
        'goliath_solver_pool_size',
        'goliath_solver_pool_busy',
        'goliath_solver_pool_queued',
        'goliath_solve_job_duration_seconds_bucket',
      ]),
    );
  });
});

/** The metric names a PromQL expression reads: what is left once strings, label matchers, ranges, grouping clauses, calls, keywords and numbers are taken out. */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const keywords = new Set(['and', 'or', 'unless', 'bool', 'offset']);
  return [...bare.matchAll(/\b([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)].map((match) => match[1]).filter((name) => !keywords.has(name));
}

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
