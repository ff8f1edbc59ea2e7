import { existsSync } from 'node:fs';
import { UPCASTER_REGISTRY } from '../app/event-upcasters';
import { openEventStore } from '../app/stores';
import { auditStreamId, verifyAuditChain } from '../platform/audit';
import { loadConfig } from '../platform/config';
import type { EventStore } from '../platform/eventstore/port';
import { replayAnswer, replayTenantAsOf } from '../platform/replay';
import { ALL_PROJECTIONS } from '../projections';
import { AUDIT_USAGE, parseAuditArgs, type AuditArgs } from './audit-args';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { CountProgress } from './count-progress';
import { EXIT_OK, UsageError } from './usage-error';

/** verify's exit code for a broken chain: scripts can tell it from success without parsing JSON. */
export const EXIT_CHAIN_BROKEN = 1;
const EXPORT_PAGE_SIZE = 500;

export const auditCommand: Command = {
  name: 'audit',
  summary: "verify, replay or export a tenant's audit trail from the platform's event store",
  run: (argv, io) => runAudit(argv, io),
};

/** `goliath audit verify|replay|export ...`: see AUDIT_USAGE. `env` stands in for process.env in tests. */
export async function runAudit(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const args = parseAuditArgs(argv);
  if (args.action === 'help') {
    io.stdout.write(`${AUDIT_USAGE}\n`);
    return EXIT_OK;
  }
  const eventStore = openConfiguredEventStore(env);
  try {
    return await run(args, eventStore, io);
  } finally {
    await eventStore.close();
  }
}

/**
 * The store the platform is configured with. The commands only read, but the SQLite adapter has no
 * read-only mode, so a missing file is refused here rather than created empty.
 */
function openConfiguredEventStore(env: NodeJS.ProcessEnv): EventStore {
  const config = loadConfig(env);
  if (config.eventStore.kind === 'sqlite' && !existsSync(config.sqliteFile)) {
    throw new UsageError(`no event store at ${config.sqliteFile}: set DATA_DIR or SQLITE_FILE (or EVENTSTORE_URL or POSTGRES_URL) as for the platform`);
  }
  return openEventStore(config);
}

function run(args: Exclude<AuditArgs, { action: 'help' }>, eventStore: EventStore, io: CliIo): Promise<number> {
  switch (args.action) {
    case 'verify':
      return verify(eventStore, args.tenant, io);
    case 'replay':
      return replay(eventStore, args.tenant, args.asOf, io);
    case 'export':
      return exportEntries(eventStore, args, io);
  }
}

async function verify(eventStore: EventStore, tenant: string, io: CliIo): Promise<number> {
  const total = await requireAuditTrail(eventStore, tenant);
  const progress = new CountProgress(io.stderr, { unit: 'entries verified' });
  const result = await verifyAuditChain(eventStore, tenant, { onProgress: (checked) => progress.update(checked, total) });
  progress.finish(result.checkedEntries, total);
  io.stdout.write(`${JSON.stringify({ tenantId: tenant, ...result })}\n`);
  return result.valid ? EXIT_OK : EXIT_CHAIN_BROKEN;
}

async function replay(eventStore: EventStore, tenant: string, asOf: { time: Date } | { position: number }, io: CliIo): Promise<number> {
  const progress = new CountProgress(io.stderr, { unit: 'events read' });
  let eventsRead = 0;
  const onProgress = (read: number) => {
    eventsRead = read;
    progress.update(read);
  };
  const replayed = await replayTenantAsOf(eventStore, tenant, asOf, ALL_PROJECTIONS, UPCASTER_REGISTRY, { onProgress });
  progress.finish(eventsRead);
  io.stdout.write(`${JSON.stringify(replayAnswer(replayed), null, 2)}\n`);
  return EXIT_OK;
}

/** One line per entry, exactly as stored (entry and chain fields), so the export can be verified on its own. */
async function exportEntries(eventStore: EventStore, args: Extract<AuditArgs, { action: 'export' }>, io: CliIo): Promise<number> {
  const streamId = auditStreamId(args.tenant);
  const total = await requireAuditTrail(eventStore, args.tenant);
  const progress = new CountProgress(io.stderr, { unit: 'entries read' });
  const from = args.from?.getTime() ?? -Infinity;
  const to = args.to?.getTime() ?? Infinity;
  let read = 0;
  let exported = 0;
  for (let fromRevision = 0; ; ) {
    const page = await eventStore.readStream(streamId, { direction: 'forwards', fromRevision, maxCount: EXPORT_PAGE_SIZE });
    const lines = page
      .map((event) => event.data as { time?: unknown })
      .filter((data) => {
        const time = typeof data.time === 'string' ? Date.parse(data.time) : NaN;
        // An entry without a readable time is kept unless a range asks for times: it may be the tampered one.
        return Number.isNaN(time) ? !args.from && !args.to : time >= from && time <= to;
      })
      .map((data) => `${JSON.stringify(data)}\n`);
    if (lines.length > 0) io.stdout.write(lines.join(''));
    read += page.length;
    exported += lines.length;
    progress.update(read, total);
    const last = page.at(-1);
    if (!last || page.length < EXPORT_PAGE_SIZE) break;
    fromRevision = last.revision + 1;
  }
  progress.finish(read, total);
  io.stderr.write(`exported ${exported} of ${read} entries\n`);
  return EXIT_OK;
}

/**
 * The length of the tenant's audit chain; a tenant without one (an unknown id, or a store other
 * than the platform's) is refused rather than reported as an empty, valid chain.
 */
async function requireAuditTrail(eventStore: EventStore, tenant: string): Promise<number> {
  const total = await chainLength(eventStore, tenant);
  if (total === 0) throw new UsageError(`tenant "${tenant}" has no audit trail in this event store: check the tenant id, and that DATA_DIR (or SQLITE_FILE, EVENTSTORE_URL, POSTGRES_URL) is the platform's`);
  return total;
}

async function chainLength(eventStore: EventStore, tenant: string): Promise<number> {
  const [last] = await eventStore.readStream(auditStreamId(tenant), { direction: 'backwards', maxCount: 1 });
  return last ? last.revision + 1 : 0;
}
