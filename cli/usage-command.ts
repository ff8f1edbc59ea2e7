import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { auditedAction } from '../platform/audit/change-audited';
import type { CommandCaller } from '../platform/commands/command-caller';
import { recordFacts } from '../platform/commands/execute-command';
import { loadConfig } from '../platform/config';
import { TENANTS_COLLECTION } from '../schema/read-models/tenants';
import { usageFacts } from '../subgraphs/scaling/metering/usage-facts';
import { parseUsageCsv, type HourlyAggregate } from '../subgraphs/scaling/metering/usage-csv';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { openConfiguredStores, projectionReached, waitMsOption } from './configured-stores';
import { parseOptions } from './parse-options';
import { requiredOption, resourceOption } from './resource-option';
import { EXIT_OK, EXIT_USAGE, UsageError } from './usage-error';

export const USAGE_USAGE = `Usage: goliath usage import FILE --tenant T --resource compute|memory|storage|network
                            --aggregate sum|mean [--timestamp-column timestamp] [--column value]
                            [--start TIME] [--shift-to-now] [--wait-ms N]

Imports a tenant's own usage metrics from a CSV file (a header, then one timestamped value a row,
like the series in ../shared/data/demand) into the store the platform is configured with
(DATA_DIR, SQLITE_FILE, EVENTSTORE_URL, MONGODB_URL, POSTGRES_URL), running or not. The rows are folded into
hours and recorded as UsageRecorded events in one append: every row is checked first, and one bad
row (reported by its line) means nothing is imported. The running projections pick the events up;
usageSeries and predictResourceDemand read them.

Options:
  --tenant T               the tenant the usage is of (it must exist)
  --resource R             compute, memory, storage or network
  --aggregate A            how the rows of one hour combine: sum (counts) or mean (utilisation)
  --timestamp-column NAME  the timestamps' column (default timestamp): ISO date-times,
                           "YYYY-MM-DD HH:MM:SS" (read as UTC), or offsets in seconds with --start
  --column NAME            the values' column (default value)
  --start TIME             what offset 0 stands for, for files whose timestamps are offsets
                           (the Azure and Google traces)
  --shift-to-now           move the series so its last hour is the hour before now
  --wait-ms N              how long to wait for the running projections to fold it (default
                           READ_YOUR_WRITES_TIMEOUT_MS); 0 does not wait
  -h, --help               show this help

Progress goes to stderr; the result is one JSON document on stdout.
Exit codes: 0 imported, 1 unexpected failure, 2 bad usage or bad rows (nothing imported).`;

const USAGE_OPTIONS = {
  tenant: { type: 'string' },
  resource: { type: 'string' },
  aggregate: { type: 'string' },
  'timestamp-column': { type: 'string' },
  column: { type: 'string' },
  start: { type: 'string' },
  'shift-to-now': { type: 'boolean' },
  'wait-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Bad rows listed before the rest are counted. */
const BAD_ROWS_SHOWN = 20;
/** The projection that folds usage into hours. */
const USAGE_PROJECTION = 'usage-hours';

export const usageCommand: Command = {
  name: 'usage',
  summary: "import a tenant's own usage metrics from a CSV file",
  run: (argv, io) => runUsage(argv, io),
};

/** `goliath usage import FILE ...`: see USAGE_USAGE. `env` stands in for process.env in tests. */
export async function runUsage(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, now: () => Date = () => new Date()): Promise<number> {
  const { values, positionals } = parseOptions(argv, USAGE_OPTIONS);
  if (values.help) {
    io.stdout.write(`${USAGE_USAGE}\n`);
    return EXIT_OK;
  }
  const [action, file, ...extra] = positionals;
  if (action !== 'import') throw new UsageError(action === undefined ? 'missing action: import' : `unknown action "${action}": import`);
  if (file === undefined) throw new UsageError('usage import needs the CSV FILE to read');
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  const tenantId = requiredOption(values.tenant, '--tenant');
  const resourceType = resourceOption(requiredOption(values.resource, '--resource'));
  const aggregate = requiredOption(values.aggregate, '--aggregate', ': sum for counts, mean for utilisation');
  if (aggregate !== 'sum' && aggregate !== 'mean') throw new UsageError('--aggregate is sum or mean');
  const start = values.start === undefined ? undefined : new Date(values.start);
  if (start && Number.isNaN(start.getTime())) throw new UsageError(`--start "${values.start}" is not a date-time`);

  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  io.stderr.write(`reading ${file}\n`);
  const parsed = parseUsageCsv(text, {
    timestampColumn: values['timestamp-column'] ?? 'timestamp',
    valueColumn: values.column ?? 'value',
    aggregate: aggregate as HourlyAggregate,
    start,
    shiftToNow: values['shift-to-now'] ?? false,
    now: now(),
  });
  if (parsed.badRows.length > 0) {
    for (const bad of parsed.badRows.slice(0, BAD_ROWS_SHOWN)) io.stderr.write(`${file}:${bad.line}: ${bad.reason}\n`);
    if (parsed.badRows.length > BAD_ROWS_SHOWN) io.stderr.write(`… and ${parsed.badRows.length - BAD_ROWS_SHOWN} more bad rows\n`);
    io.stderr.write(`${parsed.badRows.length} bad row(s) of ${parsed.rows}: nothing imported\n`);
    return EXIT_USAGE;
  }
  if (parsed.points.length === 0) throw new UsageError(`${file} has no rows to import`);
  io.stderr.write(`${parsed.rows} rows → ${parsed.points.length} hours${parsed.shiftedHours ? `, shifted by ${parsed.shiftedHours} h` : ''}\n`);

  const config = loadConfig(env);
  const stores = openConfiguredStores(config);
  try {
    if (!(await stores.readStore.collection(TENANTS_COLLECTION).get(tenantId))) throw new UsageError(`there is no tenant ${tenantId}`);
    const importId = randomUUID();
    const actor = `goliath-cli:${userInfo().username}`;
    const facts = usageFacts({ tenantId, resourceType, source: 'IMPORT', importId, points: parsed.points, recordedBy: actor, recordedAt: now().toISOString() });
    const details = { importId, file: basename(file), rows: parsed.rows, hours: parsed.points.length, resourceType, aggregate };
    const caller: CommandCaller = { actor, correlationId: importId, causationId: importId, audit: auditedAction('scaling.importUsage', details) };
    io.stderr.write(`recording ${parsed.points.length} hours in ${facts.events.length} event(s)\n`);
    const position = await recordFacts({ eventStore: stores.eventStore, clock: now }, caller, facts, { tenantId, target: importId });
    const waitMs = waitMsOption(values['wait-ms'], config);
    const applied = waitMs > 0 && (await projectionReached(stores.readStore, USAGE_PROJECTION, position, waitMs));
    const result = { ...details, tenantId, from: parsed.points[0].time, to: parsed.points[parsed.points.length - 1].time, shiftedHours: parsed.shiftedHours, position, applied };
    io.stdout.write(`${JSON.stringify(result)}\n`);
    return EXIT_OK;
  } finally {
    await stores.readStore.close();
    await stores.eventStore.close();
  }
}
