import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { openEventStore } from '../app/stores';
import { UPCASTER_REGISTRY } from '../app/event-upcasters';
import { auditedAction } from '../platform/audit/change-audited';
import { roleNamed, ROLES, type Role } from '../platform/auth/auth-context';
import type { CommandCaller } from '../platform/commands/command-caller';
import { executeCommand } from '../platform/commands/execute-command';
import { DomainError } from '../platform/commands/decider';
import { loadConfig } from '../platform/config';
import { openFileSecretStore } from '../platform/secrets/secret-store';
import { identityProviders } from '../subgraphs/enterprise/identity/domain/command-handlers';
import { tenants } from '../subgraphs/enterprise/tenants/domain/command-handlers';
import { identityProviderDefinition, type IdentityProviderSettingsInput } from '../subgraphs/enterprise/identity/provider-definition';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { parseOptions } from './parse-options';
import { EXIT_OK, UsageError } from './usage-error';

export const OPERATORS_USAGE = `Usage: goliath operators init --name NAME --provider FILE

Creates the platform operators' tenant and its identity provider, straight in the configured event
store (DATA_DIR / SQLITE_FILE / EVENTSTORE_URL / POSTGRES_URL): the way in for the first PLATFORM_ADMIN when
development tokens are refused (NODE_ENV=production). FILE is JSON like configureIdentityProvider's
input without tenantId, with role names as the API writes them (any case; platform-admin works too), e.g.
  {"name": "Okta", "type": "OIDC", "oidc": {"issuer": "https://acme.okta.com", "clientId": "goliath"},
   "roleMappings": [{"group": "goliath-operators", "role": "PLATFORM_ADMIN"}]}
Then set PLATFORM_OPERATOR_TENANT=<tenantId> for every Goliath process and restart them.`;

export const operatorsCommand: Command = {
  name: 'operators',
  summary: "create the platform operators' tenant and its identity provider (first PLATFORM_ADMIN)",
  run: (argv, io) => runOperators(argv, io),
};

/** `goliath operators init ...`: see OPERATORS_USAGE. `env` stands in for process.env in tests. */
export async function runOperators(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseOptions(argv, { name: { type: 'string' }, provider: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const);
  if (values.help) {
    io.stdout.write(`${OPERATORS_USAGE}\n`);
    return EXIT_OK;
  }
  if (positionals.length !== 1 || positionals[0] !== 'init') throw new UsageError('the only action is init');
  if (!values.name?.trim()) throw new UsageError('--name is required');
  if (!values.provider) throw new UsageError('--provider FILE is required');
  const config = loadConfig(env);
  if (config.signIn.operatorTenantId) {
    throw new UsageError(`PLATFORM_OPERATOR_TENANT is already set (${config.signIn.operatorTenantId}): change its identity providers through the API as a PLATFORM_ADMIN`);
  }
  const settings = readProviderFile(values.provider);
  if (![...(settings.roleMappings ?? []).map((mapping) => mapping.role), ...(settings.defaultRoles ?? [])].includes('PLATFORM_ADMIN')) {
    throw new UsageError('the provider must give PLATFORM_ADMIN to some group (roleMappings) or to everyone (defaultRoles)');
  }

  const eventStore = openEventStore(config);
  try {
    const tenantId = randomUUID();
    const providerId = randomUUID();
    const now = new Date();
    const definition = await identityProviderDefinition({ ...settings, tenantId }, providerId, { config, secrets: openFileSecretStore(config.keysDir) }).catch(asUsageError);
    // Each change carries its audit record; the platform's audit chainer links them into the trail when it next runs.
    const correlationId = randomUUID();
    const caller: CommandCaller = { actor: `goliath-cli:${userInfo().username}`, correlationId, causationId: correlationId, audit: auditedAction('cli.operatorsInit', { name: values.name, providerType: definition.type }) };
    const deps = { eventStore, upcasters: UPCASTER_REGISTRY, clock: () => now, waitForReadModels: async () => undefined };
    await executeCommand(deps, caller, tenants, { type: 'CreateTenant', tenantId, name: values.name, requestedAt: now.toISOString() }, { tenantId }).catch(asUsageError);
    const configure = { type: 'ConfigureIdentityProvider', definition, requestedAt: now.toISOString(), allowPlatformAdmin: true } as const;
    await executeCommand(deps, caller, identityProviders, configure, { tenantId }).catch(asUsageError);
    io.stdout.write(`${JSON.stringify({ tenantId, providerId, next: `set PLATFORM_OPERATOR_TENANT=${tenantId} for every Goliath process and restart them` })}\n`);
    return EXIT_OK;
  } finally {
    await eventStore.close();
  }
}

function readProviderFile(file: string): Omit<IdentityProviderSettingsInput, 'tenantId'> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`${file} must hold one JSON object`);
  const settings = parsed as Omit<IdentityProviderSettingsInput, 'tenantId'>;
  return {
    ...settings,
    ...(settings.roleMappings && { roleMappings: settings.roleMappings.map((mapping) => ({ ...mapping, role: typedRole(mapping.role, file) })) }),
    ...(settings.defaultRoles && { defaultRoles: settings.defaultRoles.map((role) => typedRole(role, file)) }),
  };
}

/** A person wrote the file: a role is read in any case and in its former spelling (platform-admin), as the API's enum value. */
function typedRole(role: unknown, file: string): Role {
  const named = typeof role === 'string' ? roleNamed(role) : undefined;
  if (!named) throw new UsageError(`${file}: ${JSON.stringify(role)} is not a role; the roles are ${ROLES.join(', ')}`);
  return named;
}

/** A refused setting (decider or definition) is the user's to fix: one line, exit 2. */
function asUsageError(error: unknown): never {
  if (error instanceof DomainError || (error instanceof Error && 'extensions' in error)) throw new UsageError(error.message);
  throw error;
}
