import { parseOptions } from './parse-options';
import { UsageError } from './usage-error';

export type AuditArgs =
  | { readonly action: 'help' }
  | { readonly action: 'verify'; readonly tenant: string }
  | { readonly action: 'replay'; readonly tenant: string; readonly asOf: { readonly time: Date } | { readonly position: number } }
  | { readonly action: 'export'; readonly tenant: string; readonly from?: Date; readonly to?: Date };

export const AUDIT_USAGE = `Usage: goliath audit verify --tenant T
       goliath audit replay --tenant T (--as-of TIME | --position N)
       goliath audit export --tenant T [--from TIME] [--to TIME] > file.jsonl

Works on the platform's own event store, configured as the platform is (DATA_DIR, SQLITE_FILE,
EVENTSTORE_URL, POSTGRES_URL, EVENT_STORE). Progress goes to stderr; the result to stdout.

  verify   walks the tenant's hash-chained audit trail; prints {valid, checkedEntries,
           firstBrokenPosition, reason}; exit 1 when the chain is broken
  replay   rebuilds the tenant's read models (tenants, users and roles, problems, jobs, the audit
           trail, ...) as of a time or a log position; prints them as JSON
  export   prints the tenant's audit entries as JSON Lines, one entry per line with its chain
           fields (sequence, previousHash, hash), oldest first

Options:
  --tenant T      the tenant id (required)
  --as-of TIME    ISO-8601 time, e.g. 2026-03-01T12:00:00Z (replay)
  --position N    global log position, inclusive (replay)
  --from TIME     entries at or after this time (export)
  --to TIME       entries at or before this time (export)
  -h, --help      show this help

Exit codes: 0 done (verify: chain valid), 1 chain broken or unexpected failure, 2 bad usage.`;

const ACTIONS = ['verify', 'replay', 'export'] as const;

/** Reads `goliath audit ...` arguments; every mistake becomes a UsageError naming the flag. */
const AUDIT_OPTIONS = {
  tenant: { type: 'string' },
  'as-of': { type: 'string' },
  position: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseAuditArgs(argv: readonly string[]): AuditArgs {
  const { values, positionals } = parseOptions(argv, AUDIT_OPTIONS);
  if (values.help) return { action: 'help' };
  const [action, ...extra] = positionals;
  if (action === undefined) throw new UsageError(`missing action: one of ${ACTIONS.join(', ')}`);
  if (!(ACTIONS as readonly string[]).includes(action)) throw new UsageError(`unknown action "${action}": one of ${ACTIONS.join(', ')}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  const tenant = values.tenant;
  if (!tenant) throw new UsageError('--tenant is required');
  const allowed: Record<(typeof ACTIONS)[number], readonly string[]> = { verify: [], replay: ['as-of', 'position'], export: ['from', 'to'] };
  for (const flag of ['as-of', 'position', 'from', 'to'] as const) {
    if (values[flag] !== undefined && !allowed[action as (typeof ACTIONS)[number]].includes(flag)) throw new UsageError(`--${flag} does not apply to audit ${action}`);
  }
  if (action === 'verify') return { action, tenant };
  if (action === 'export') {
    const from = values.from === undefined ? undefined : time(values.from, '--from');
    const to = values.to === undefined ? undefined : time(values.to, '--to');
    if (from && to && from > to) throw new UsageError('--from must not be after --to');
    return { action, tenant, from, to };
  }
  if ((values['as-of'] === undefined) === (values.position === undefined)) throw new UsageError('give exactly one of --as-of TIME and --position N');
  return { action: 'replay', tenant, asOf: values['as-of'] !== undefined ? { time: time(values['as-of'], '--as-of') } : { position: position(values.position!) } };
}


const ISO_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

function time(text: string, flag: string): Date {
  const value = new Date(text);
  if (!ISO_TIME.test(text) || Number.isNaN(value.getTime())) throw new UsageError(`${flag} must be an ISO-8601 time such as 2026-03-01T12:00:00Z, got "${text}"`);
  return value;
}

function position(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) throw new UsageError(`--position must be a non-negative integer, got "${text}"`);
  return value;
}
