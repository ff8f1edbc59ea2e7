import { parseArgs } from 'node:util';
import { roleNamed, ROLES } from '../platform/auth/auth-context';
import { issueDevelopmentToken } from '../platform/auth/dev-token';
import { readStoredSigningKeys } from '../platform/auth/signing-keys';
import { loadConfig } from '../platform/config';

// scripts/ may not import cli/ (DESIGN.md §2), so this command has its own small IO, errors and duration parser.
export interface TokenIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}
const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;
class UsageError extends Error {}
const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };

/** The shortest and longest `--ttl`: a development token cannot be revoked, so it may not live long. */
export const MIN_TTL_SECONDS = 10;
export const MAX_TTL_SECONDS = 24 * 3600;

export const TOKEN_USAGE = `Usage: npm run -s token -- --role ROLE [--tenant ID] [--subject NAME] [--ttl DURATION]

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

/** `npm run -s token -- ...`: see TOKEN_USAGE. `env` stands in for process.env in tests. */
export async function runToken(argv: readonly string[], io: TokenIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    const { values } = parseTokenArgs(argv);
    if (values.help) {
      io.stdout.write(`${TOKEN_USAGE}\n`);
      return EXIT_OK;
    }
    if (values.role === undefined) throw new UsageError('missing --role');
    const role = roleNamed(values.role);
    if (!role) throw new UsageError(`--role must be one of ${ROLES.join(', ')}, got "${values.role}"`);
    const ttlSeconds = values.ttl === undefined ? undefined : parseTtl(values.ttl);
    const config = loadConfig(env);
    if (readStoredSigningKeys(config.keysDir).length === 0) {
      io.stderr.write(
        `token: no signing key in ${config.keysDir} (KEYS_DIR, or DATA_DIR/keys; DATA_DIR is ${config.dataDir}).\n` +
          `Run this with the DATA_DIR (or KEYS_DIR) the server uses; a token signed by any other key is refused.\n` +
          `For a new data folder, start the platform once (npm start) or run npm run keys:rotate to make its first key.\n`,
      );
      return EXIT_USAGE;
    }
    const token = await issueDevelopmentToken({ role, tenantId: values.tenant, subject: values.subject, keysDir: config.keysDir, ttlSeconds, env });
    io.stdout.write(`${token}\n`);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`token: ${error.message}\nRun "npm run -s token -- --help" for usage.\n`);
      return EXIT_USAGE;
    }
    io.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILURE;
  }
}

function parseTokenArgs(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        role: { type: 'string' },
        tenant: { type: 'string' },
        subject: { type: 'string' },
        ttl: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parseTtl(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(s|m|h)$/.exec(text.trim());
  if (!match) throw new UsageError(`--ttl must be a duration such as 30s, 15m or 2h, got "${text}"`);
  const seconds = Math.round(Number(match[1]) * UNIT_SECONDS[match[2]]);
  if (seconds < MIN_TTL_SECONDS || seconds > MAX_TTL_SECONDS) {
    throw new UsageError(`--ttl must be from ${MIN_TTL_SECONDS}s to ${MAX_TTL_SECONDS / 3600}h, got "${text}"`);
  }
  return seconds;
}
