import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '../../app/embedded';
import type { Role } from '../../platform/auth/auth-context';
import { issueDevelopmentToken } from '../../platform/auth/dev-token';
import { loadConfig } from '../../platform/config';
import type { EventStore } from '../../platform/eventstore/port';
import { createSqliteEventStore } from '../../platform/eventstore/sqlite';
import { auditedAction } from '../../platform/audit/change-audited';
import { recordFacts } from '../../platform/commands/execute-command';
import { eventSchemaVersion } from '../../schema/events';
import { sessionStreamId, type SessionRevoked } from '../../schema/events/session-events';
import type { DomainEvent } from '../../platform/commands/decider';
import { dataOf, postGraphQL, type GraphQLResponse } from './gateway-client';

export interface TestPlatformOptions {
  /**
   * Settings that override the process environment. A function is given the data dir before the
   * platform starts, for a suite that prepares it first (as `goliath operators init` does).
   */
  readonly env?: NodeJS.ProcessEnv | ((dataDir: string) => Promise<NodeJS.ProcessEnv>);
  /** The subject of `admin`; by default a fresh one, as a development token has. */
  readonly adminSubject?: string;
  readonly host?: string;
  readonly logLevel?: string;
  /** The subgraphs' clock (schedules, leases, expiries); real time by default. */
  readonly clock?: () => Date;
}

export interface SessionRevocation {
  readonly tenantId?: string;
  readonly reason?: string;
  readonly actor?: string;
}

export interface TestPlatform {
  readonly platform: EmbeddedPlatform;
  readonly dataDir: string;
  /** A platform-admin development token. */
  readonly admin: string;
  /** One operation through the gateway, as `admin` unless a token is given; `null` sends none. */
  call<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string | null, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  /** Creates the tenants one after another, as `admin`, and answers their ids in the same order. */
  createTenants(...names: string[]): Promise<string[]>;
  token(role: Role, tenantId?: string, subject?: string): Promise<string>;
  /** Stops the platform and starts it again on the same data, with a new `admin`. */
  restart(): Promise<void>;
  /**
   * Appends SessionRevoked through a second connection to the platform's SQLite file, as another
   * process would, so the platform learns of it only by polling. Answers when (epoch ms) the append was done.
   */
  revokeFromAnotherProcess(sessionId: string, revocation?: SessionRevocation): Promise<number>;
  /**
   * Appends events through a second connection to the platform's SQLite file, as another process
   * (a trigger runner, another replica) would: the command path's non-decider door, audited.
   */
  recordFromAnotherProcess(streamId: string, events: readonly DomainEvent[], origin: { readonly tenantId: string; readonly actor: string; readonly action: string; readonly at?: Date }): Promise<void>;
}

/**
 * The embedded platform for the tests of one describe block: started on free ports in a fresh
 * data dir before them, stopped and removed after them. Call it in the describe body; read its
 * getters inside hooks and tests only, once the platform is running.
 */
export function useTestPlatform(options: TestPlatformOptions = {}): TestPlatform {
  let platform: EmbeddedPlatform | undefined;
  let dataDir: string | undefined;
  let admin: string | undefined;
  let env: NodeJS.ProcessEnv | undefined;
  let otherProcess: EventStore | undefined;

  const running = () => {
    if (!platform) throw new Error('The test platform is not running: use it inside hooks and tests only');
    return platform;
  };
  const start = async () => {
    platform = await startEmbeddedPlatform({ port: 0, dataDir, host: options.host, logLevel: options.logLevel ?? 'silent', env, clock: options.clock });
    admin = await token('PLATFORM_ADMIN', undefined, options.adminSubject);
  };
  const token = (role: Role, tenantId?: string, subject?: string) => issueDevelopmentToken({ role, tenantId, subject, keysDir: running().keysDir });
  const call = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, as: string | null = fixture.admin, headers: Record<string, string> = {}) =>
    postGraphQL<T>(running().gatewayUrl, query, { token: as ?? undefined, variables, headers });

  const fixture: TestPlatform = {
    get platform() {
      return running();
    },
    get dataDir() {
      if (!dataDir) throw new Error('The test platform has no data dir yet: use it inside hooks and tests only');
      return dataDir;
    },
    get admin() {
      running();
      return admin!;
    },
    call,
    token,
    async createTenants(...names) {
      const ids: string[] = [];
      for (const name of names) {
        ids.push(dataOf(await call<{ createTenant: { id: string } }>('mutation ($name: String!) { createTenant(input: { name: $name }) { id } }', { name })).createTenant.id);
      }
      return ids;
    },
    async restart() {
      await running().stop();
      platform = undefined;
      await start();
    },
    async revokeFromAnotherProcess(sessionId, { tenantId = 'platform', reason = 'logout', actor = 'ada' } = {}) {
      const revokedAt = new Date();
      const data: SessionRevoked['data'] = { sessionId, tenantId, reason, revokedAt: revokedAt.toISOString(), expiresAt: new Date(Date.now() + 3_600_000).toISOString() };
      await fixture.recordFromAnotherProcess(sessionStreamId(sessionId), [{ type: 'SessionRevoked', data }], { tenantId, actor, action: 'enterprise.revokeSession', at: revokedAt });
      return Date.now();
    },
    async recordFromAnotherProcess(streamId, events, { tenantId, actor, action, at = new Date() }) {
      otherProcess ??= createSqliteEventStore({ file: loadConfig({ DATA_DIR: fixture.dataDir }).sqliteFile });
      const correlationId = randomUUID();
      const caller = { actor, correlationId, causationId: correlationId, audit: auditedAction(action) };
      const facts = { streamId, events: [...events], expectedRevision: 'any' as const, versionOf: eventSchemaVersion };
      await recordFacts({ eventStore: otherProcess, clock: () => at }, caller, facts, { tenantId });
    },
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'goliath-test-'));
    env = typeof options.env === 'function' ? await options.env(dataDir) : options.env;
    await start();
  }, 30_000);

  // As long as starting may take: a stop drains open sockets and waits for background runners, slow on a loaded machine.
  afterAll(async () => {
    await otherProcess?.close();
    await platform?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  return fixture;
}
