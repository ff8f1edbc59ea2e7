import { roleNamed, ROLES } from '../platform/auth/auth-context';
import { issueDevelopmentToken } from '../platform/auth/dev-token';
import { readStoredSigningKeys } from '../platform/auth/signing-keys';
import { loadConfig } from '../platform/config';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { parseDuration } from './parse-duration';
import { parseOptions } from './parse-options';
import { EXIT_OK, EXIT_USAGE, UsageError } from './usage-error';

/** The shortest and longest `--ttl`: a development token cannot be revoked, so it may not live long. */
export const MIN_TTL_SECONDS = 10;
export const MAX_TTL_SECONDS = 24 * 3600;

export const TOKEN_USAGE = `Usage: goliath token --role ROLE [--tenant ID] [--subject NAME] [--ttl DURATION]
       npm run -s token -- --role ROLE ...   (the same, from the project folder)

Prints a development platform token (never in production) signed with the newest signing key of
the platform's KEYS_DIR (default DATA_DIR/keys, DATA_DIR default ./data). Run it with the same
DATA_DIR/KEYS_DIR as the server; it makes no key: start the platform once (npm start) or run
npm run keys:rotate first.

Options:
  --role ROLE       ${ROLES.join(', ')} (any case; tenant-admin works too)
  --tenant ID       the tenant (required for every role but PLATFORM_ADMIN)
  --subject NAME    the token's subject (default dev-<uuid>)
  --ttl DURATION    lifetime such as 30s, 15m or 2h, from ${MIN_TTL_SECONDS}s to ${MAX_TTL_SECONDS / 3600}h
                    (default TOKEN_TTL_SECONDS, 15m)
  -h, --help        this text`;

export const tokenCommand: Command = {
  name: 'token',
  summary: "print a development platform token signed with the platform's key (never in production)",
  run: (argv, io) => runToken(argv, io),
};

/** `goliath token ...` (and `npm run -s token -- ...`): see TOKEN_USAGE. `env` stands in for process.env in tests. */
export async function runToken(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values } = parseTokenArgs(argv);
  if (values.help) {
    io.stdout.write(`${TOKEN_USAGE}\n`);
    return EXIT_OK;
  }
  if (values.role === undefined) throw new UsageError('missing --role');
  const role = roleNamed(values.role);
  if (!role) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got "${values.role}"`);
  const ttlSeconds = values.ttl === undefined ? undefined : ttlOf(values.ttl);
  const config = loadConfig(env);
  if (readStoredSigningKeys(config.keysDir).length === 0) {
    io.stderr.write(
      `goliath token: no signing key in ${config.keysDir} (KEYS_DIR, or DATA_DIR/keys; DATA_DIR is ${config.dataDir}).\n` +
        `Run this with the DATA_DIR (or KEYS_DIR) the server uses; a token signed by any other key is refused.\n` +
        `For a new data folder, start the platform once (npm start) or run npm run keys:rotate to make its first key.\n`,
    );
    return EXIT_USAGE;
  }
  const token = await issueDevelopmentToken({ role, tenantId: values.tenant, subject: values.subject, keysDir: config.keysDir, ttlSeconds, env });
  io.stdout.write(`${token}\n`);
  return EXIT_OK;
}

function parseTokenArgs(argv: readonly string[]) {
  const parsed = parseOptions(argv, {
    role: { type: 'string' },
    tenant: { type: 'string' },
    subject: { type: 'string' },
    ttl: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument ${parsed.positionals[0]}`);
  return parsed;
}

function ttlOf(text: string): number {
  const seconds = Math.round(parseDuration(text, '--ttl') / 1000);
  if (seconds < MIN_TTL_SECONDS || seconds > MAX_TTL_SECONDS) {
    throw new UsageError(`--ttl must be from ${MIN_TTL_SECONDS}s to ${MAX_TTL_SECONDS / 3600}h, got "${text}"`);
  }
  return seconds;
}
