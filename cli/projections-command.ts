import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { UPCASTER_REGISTRY } from '../app/event-upcasters';
import { checkpointHealth, parkedEventLog } from '../app/process-health';
import { auditedAction } from '../platform/audit/change-audited';
import type { CommandCaller } from '../platform/commands/command-caller';
import { DomainError } from '../platform/commands/decider';
import { loadConfig, type PlatformConfig } from '../platform/config';
import type { ParkedEventStatus } from '../platform/health/parked-event';
import type { ParkedEventLog } from '../platform/health/parked-event-log';
import { requestParkedEventDecision, type ParkedEventDecision } from '../subgraphs/enterprise/operations/parked-event-requests';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { openConfiguredStores, projectionReached, waitMsOption, type ConfiguredStores } from './configured-stores';
import { parseOptions } from './parse-options';
import { EXIT_OK, UsageError } from './usage-error';

export const PROJECTIONS_USAGE = `Usage: goliath projections status
       goliath projections parked [--projection NAME] [--all] [--first N]
       goliath projections retry ID
       goliath projections skip ID --reason TEXT

Works on the platform's own stores, configured as the platform is (DATA_DIR, SQLITE_FILE,
EVENTSTORE_URL, MONGODB_URL, POSTGRES_URL), whether or not the platform is running.

  status   each projection's checkpoint, lag and parked events, with the health status; exit 1
           unless the status is ok
  parked   the events projections parked (could not fold and went on without), one JSON
           document per line, oldest first
  retry    asks the projection runner to fold parked event ID again (after its projection was
           fixed); prints the record once the runner has acted, RETRIED or still PARKED with the
           new error
  skip     leaves parked event ID out of its read model for good

A retry or skip is an event in deadletter-<projection>, written with its audit record as
goliath-cli:<your user name>, which the running projection runner acts on (in the embedded
platform or the projections process); when none runs, it acts on it when it starts.

Options:
  --projection NAME   only this projection's parked events (parked)
  --all               parked events in every status: also those retried or skipped (parked)
  --first N           at most N (parked; default 100)
  --reason TEXT       why the event is skipped, kept in the audit trail (skip; required)
  --wait-ms N         how long retry and skip wait for the runner (default READ_YOUR_WRITES_TIMEOUT_MS)
  -h, --help          show this help

Exit codes: 0 done, 1 status not ok or unexpected failure, 2 bad usage (an unknown or already
decided ID included).`;

const PROJECTIONS_OPTIONS = {
  projection: { type: 'string' },
  all: { type: 'boolean' },
  first: { type: 'string' },
  reason: { type: 'string' },
  'wait-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const EXIT_NOT_OK = 1;
const ACTIONS = ['status', 'parked', 'retry', 'skip'] as const;

export const projectionsCommand: Command = {
  name: 'projections',
  summary: 'see how the projections are doing, and list, retry or skip the events they parked',
  run: (argv, io) => runProjections(argv, io),
};

/** `goliath projections status|parked|retry|skip ...`: see PROJECTIONS_USAGE. `env` stands in for process.env in tests. */
export async function runProjections(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseOptions(argv, PROJECTIONS_OPTIONS);
  if (values.help) {
    io.stdout.write(`${PROJECTIONS_USAGE}\n`);
    return EXIT_OK;
  }
  const [action, id, ...extra] = positionals;
  if (action === undefined) throw new UsageError(`missing action: one of ${ACTIONS.join(', ')}`);
  if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`unknown action "${action}": one of ${ACTIONS.join(', ')}`);
  const takesId = action === 'retry' || action === 'skip';
  if (takesId && id === undefined) throw new UsageError(`projections ${action} needs the parked event's ID (see projections parked)`);
  const unexpected = takesId ? extra[0] : id;
  if (unexpected !== undefined) throw new UsageError(`unexpected argument ${unexpected}`);
  if (action === 'skip' && !values.reason?.trim()) throw new UsageError('--reason is required: say why the event is skipped');

  const config = loadConfig(env);
  const stores = openConfiguredStores(config);
  const parkedEvents = parkedEventLog(stores.readStore);
  try {
    switch (action as (typeof ACTIONS)[number]) {
      case 'status':
        return await status(config, stores, io);
      case 'parked':
        return await listParked(parkedEvents, values, io);
      case 'retry':
        return await decide(stores, parkedEvents, id!, { type: 'retry' }, waitMsOption(values['wait-ms'], config), io);
      case 'skip':
        return await decide(stores, parkedEvents, id!, { type: 'skip', reason: values.reason! }, waitMsOption(values['wait-ms'], config), io);
    }
  } finally {
    await stores.readStore.close();
    await stores.eventStore.close();
  }
}

async function status(config: PlatformConfig, stores: ConfiguredStores, io: CliIo): Promise<number> {
  const report = await checkpointHealth(config, stores.eventStore, stores.readStore).check();
  io.stdout.write(`${JSON.stringify(report)}\n`);
  return report.status === 'ok' ? EXIT_OK : EXIT_NOT_OK;
}

async function listParked(parkedEvents: ParkedEventLog, values: { projection?: string; all?: boolean; first?: string }, io: CliIo): Promise<number> {
  if (values.projection !== undefined && !parkedEvents.projections.includes(values.projection)) {
    throw new UsageError(`there is no projection ${values.projection}; the projections are ${parkedEvents.projections.join(', ')}`);
  }
  const first = values.first === undefined ? 100 : Number(values.first);
  if (!Number.isInteger(first) || first < 1 || first > 1000) throw new UsageError('--first must be an integer from 1 to 1000');
  const status: ParkedEventStatus | undefined = values.all ? undefined : 'parked';
  for (const parked of await parkedEvents.list({ projection: values.projection, status, first })) io.stdout.write(`${JSON.stringify(parked)}\n`);
  return EXIT_OK;
}

async function decide(stores: ConfiguredStores, parkedEvents: ParkedEventLog, id: string, decision: ParkedEventDecision, waitMs: number, io: CliIo): Promise<number> {
  const correlationId = randomUUID();
  const action = decision.type === 'retry' ? 'cli.retryParkedEvent' : 'cli.skipParkedEvent';
  const caller: CommandCaller = { actor: `goliath-cli:${userInfo().username}`, correlationId, causationId: correlationId, audit: auditedAction(action, { id, ...(decision.type === 'skip' && { reason: decision.reason }) }) };
  const deps = { eventStore: stores.eventStore, upcasters: UPCASTER_REGISTRY, clock: () => new Date(), waitForReadModels: async () => undefined, parkedEvents };
  const { parked, position } = await requestParkedEventDecision(deps, caller, id, decision).catch(asUsageError);
  const applied = await projectionReached(stores.readStore, parked.projection, position, waitMs);
  const record = (await parkedEvents.get(id)) ?? parked;
  const note = applied
    ? undefined
    : `saved at log position ${position}; the projection runner acts on it when ${parked.projection} reaches that position (is the platform or the projections process running?)`;
  io.stdout.write(`${JSON.stringify({ id, requested: decision.type, position, applied, record, ...(note && { note }) })}\n`);
  return EXIT_OK;
}

/** An unknown or already decided id, or a bad reason, is the user's to fix: one line, exit 2. */
function asUsageError(error: unknown): never {
  if (error instanceof DomainError) throw new UsageError(error.message);
  throw error;
}
