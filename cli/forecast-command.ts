import type { ForecastPlotData } from '../gateway/dashboard/forecast-plot-data';
import { DEFAULT_HISTORY_DAYS, MAX_HISTORY_DAYS } from '../gateway/dashboard/plot-window';
import { renderForecastSvg } from '../gateway/dashboard/render-forecast-svg';
import { loadConfig } from '../platform/config';
import { InvalidReadQueryError } from '../platform/readstore/invalid-read-query-error';
import { TENANTS_COLLECTION, type TenantDocument } from '../schema/read-models/tenants';
import type { CliIo } from './cli-io';
import type { Command } from './command';
import { openConfiguredStores } from './configured-stores';
import { readForecastPlotData } from './forecast-plot-source';
import { parseOptions } from './parse-options';
import { requiredOption, resourceOption } from './resource-option';
import { EXIT_OK, UsageError } from './usage-error';

export const FORECAST_USAGE = `Usage: goliath forecast plot --tenant T --resource compute|memory|storage|network [--days N]

Draws a tenant's demand picture as one SVG document on stdout:
  - the resource's metered usage, the N days before its newest forecast starts (default ${DEFAULT_HISTORY_DAYS}),
  - that forecast's expected demand and its interval band,
  - the newest capacity schedule of the resource as a step line, drawn as units × the unit size
    it was planned with so it reads on the demand axis (the legend says the unit size),
  - the schedule's actions: applied (filled dot), failed (red cross), pending (hollow dot).
It reads the stores the platform is configured with (DATA_DIR, SQLITE_FILE, EVENTSTORE_URL,
MONGODB_URL, POSTGRES_URL), running or not. The gateway serves the same picture at /dashboard/scaling/<tenant>.

  goliath forecast plot --tenant acme --resource compute > forecast.svg

Options:
  --tenant T      the tenant (it must exist)
  --resource R    compute, memory, storage or network
  --days N        days of usage before the forecast, 1 to ${MAX_HISTORY_DAYS} (default ${DEFAULT_HISTORY_DAYS})
  -h, --help      show this help

What was drawn is summed up on stderr.
Exit codes: 0 drawn, 1 unexpected failure, 2 bad usage, unknown tenant or nothing to draw.`;

const FORECAST_OPTIONS = {
  tenant: { type: 'string' },
  resource: { type: 'string' },
  days: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const forecastCommand: Command = {
  name: 'forecast',
  summary: "draw a tenant's usage, demand forecast and planned capacity as SVG",
  run: (argv, io) => runForecast(argv, io),
};

/** `goliath forecast plot ...`: see FORECAST_USAGE. `env` and `now` stand in for process.env and the clock in tests. */
export async function runForecast(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env, now: () => Date = () => new Date()): Promise<number> {
  const { values, positionals } = parseOptions(argv, FORECAST_OPTIONS);
  if (values.help) {
    io.stdout.write(`${FORECAST_USAGE}\n`);
    return EXIT_OK;
  }
  const [action, ...extra] = positionals;
  if (action !== 'plot') throw new UsageError(action === undefined ? 'missing action: plot' : `unknown action "${action}": plot`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  const tenantId = requiredOption(values.tenant, '--tenant');
  const resourceType = resourceOption(requiredOption(values.resource, '--resource'));
  const historyDays = daysOption(values.days);

  const stores = openConfiguredStores(loadConfig(env));
  try {
    const tenant = await stores.readStore.collection<TenantDocument>(TENANTS_COLLECTION).get(tenantId);
    if (!tenant) throw new UsageError(`there is no tenant ${tenantId}`);
    const data = await readOrExplain(() => readForecastPlotData(stores.readStore, { tenantId, tenantLabel: tenant.name, resourceType, historyDays, now: now() }));
    if (data.history.length === 0 && !data.forecast && !data.capacity) {
      throw new UsageError(
        `tenant ${tenantId} has no ${resourceType} usage in the last ${historyDays} days, no forecast and no schedule of it: nothing to draw ` +
          '(import usage with goliath usage import, then run predictResourceDemand)',
      );
    }
    io.stdout.write(`${renderForecastSvg(data, { historyDays })}\n`);
    io.stderr.write(`${summary(data)}\n`);
    return EXIT_OK;
  } finally {
    await stores.readStore.close();
    await stores.eventStore.close();
  }
}

function daysOption(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_HISTORY_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > MAX_HISTORY_DAYS) throw new UsageError(`--days must be a whole number from 1 to ${MAX_HISTORY_DAYS}, got "${raw}"`);
  return days;
}

/** A store whose projections never ran has no scaling read models yet: a setup step missing, not a crash. */
async function readOrExplain(read: () => Promise<ForecastPlotData>): Promise<ForecastPlotData> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof InvalidReadQueryError)) throw error;
    throw new UsageError(`the store has no scaling read models yet (${error.message}): start the platform or its projections once`);
  }
}

function summary(data: ForecastPlotData): string {
  const parts = [`${data.tenantLabel} ${data.resourceType}: ${data.history.length} hour(s) of usage`];
  parts.push(data.forecast ? `forecast ${data.forecast.modelId} from ${data.forecast.startsAt} (${data.forecast.points.length} h)` : 'no forecast');
  parts.push(data.capacity ? `schedule ${data.capacity.scheduleId} (${data.capacity.status}, ${data.capacity.actions.length} action(s))` : 'no schedule');
  return parts.join(', ');
}
