import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UPCASTER_REGISTRY } from '../app/event-upcasters';
import { verifyAuditChain } from '../platform/audit';
import { streamCategory } from '../platform/eventstore/port';
import { createPostgresEventStore } from '../platform/eventstore/postgres';
import { createSqliteEventStore } from '../platform/eventstore/sqlite';
import { createLogger } from '../platform/logging';
import { createPostgresReadStore } from '../platform/readstore/postgres';
import { runnerProjections } from '../projections';
import { ProjectionRunner } from '../projections/runner';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { CountProgress } from './count-progress';
import { copyLog } from './migrate-log';
import { parseOptions } from './parse-options';
import { EXIT_OK, UsageError } from './usage-error';

export const MIGRATE_USAGE = `Usage: goliath migrate --from sqlite:FILE --to postgres:URL [--schema NAME]

Copies the platform's event log from its SQLite file into an empty PostgreSQL database, event by
event with the same ids, revisions and positions, then builds every read model there from the
copied log and verifies every tenant's audit chain. Stop the platform first (its file must not
change during the copy); start it again with POSTGRES_URL (and POSTGRES_SCHEMA) afterwards.

Options:
  --from sqlite:FILE   the SQLite file (DATA_DIR/goliath.db by default for the platform)
  --to postgres:URL    e.g. postgres:postgres://goliath:secret@db.internal:5432/goliath
  --schema NAME        the PostgreSQL schema to fill (default POSTGRES_SCHEMA, else the adapters' own)
  -h, --help           show this help

Exit codes: 0 copied and every audit chain valid, 1 a chain is broken or unexpected failure,
2 bad usage (the target not empty included).`;

const MIGRATE_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  schema: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const EXIT_CHAIN_BROKEN = 1;
const AUDIT_CATEGORY = 'audit';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'copy the event log from SQLite into PostgreSQL, rebuild the read models there, verify every audit chain',
  async run(argv: readonly string[], io: CliIo): Promise<number> {
    const { values } = parseOptions(argv, MIGRATE_OPTIONS);
    if (values.help) {
      io.stdout.write(`${MIGRATE_USAGE}\n`);
      return EXIT_OK;
    }
    const file = prefixed(values.from, 'sqlite:', '--from');
    const url = prefixed(values.to, 'postgres:', '--to');
    if (!existsSync(file)) throw new UsageError(`no SQLite file at ${file}`);
    const schema = values.schema ?? (process.env.POSTGRES_SCHEMA || undefined);

    const source = createSqliteEventStore({ file });
    const target = createPostgresEventStore({ connectionString: url, schema });
    const readStore = createPostgresReadStore({ connectionString: url, schema });
    try {
      const copying = new CountProgress(io.stderr, { unit: 'events copied' });
      const copied = await copyLog(source, target, (count) => copying.update(count)).catch((error: unknown) => {
        if (error instanceof Error && error.message.startsWith('the target already holds events')) throw new UsageError(error.message);
        throw error;
      });
      copying.finish(copied.events);

      const head = await target.headPosition();
      const runner = new ProjectionRunner({ eventStore: target, readStore, projections: runnerProjections(target), upcasters: UPCASTER_REGISTRY, logger: createLogger('goliath-migrate', 'warn') });
      await runner.start();
      try {
        await runner.waitFor(head, 24 * 60 * 60 * 1000);
      } finally {
        await runner.stop();
      }
      io.stderr.write(`read models built up to position ${head}\n`);

      const tenants = copied.streams.filter((streamId) => streamCategory(streamId) === AUDIT_CATEGORY).map((streamId) => streamId.slice(AUDIT_CATEGORY.length + 1));
      let broken = 0;
      for (const tenantId of tenants) {
        const verification = await verifyAuditChain(target, tenantId);
        io.stdout.write(`${JSON.stringify({ tenantId, ...verification })}\n`);
        if (!verification.valid) broken++;
      }
      io.stderr.write(`${copied.events} events in ${copied.streams.length} streams copied; ${tenants.length - broken} of ${tenants.length} audit chains valid\n`);
      return broken === 0 ? EXIT_OK : EXIT_CHAIN_BROKEN;
    } finally {
      await readStore.close();
      await target.close();
      await source.close();
    }
  },
};

function prefixed(value: string | undefined, prefix: string, option: string): string {
  if (!value?.startsWith(prefix)) throw new UsageError(`${option} must be ${prefix}${prefix === 'sqlite:' ? 'FILE' : 'URL'}`);
  const rest = value.slice(prefix.length);
  return prefix === 'sqlite:' ? resolve(rest) : rest;
}
