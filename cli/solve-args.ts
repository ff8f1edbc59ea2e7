import { availableParallelism } from 'node:os';
import type { Strategy } from '../subgraphs/optimization/engine/solve-types';
import { FILE_FORMATS, FORMAT_INFERENCE_RULE, type FileFormat } from './infer-format';
import { parseDuration } from './parse-duration';
import { parseOptions } from './parse-options';
import { UsageError } from './usage-error';

export const DEFAULT_TIME = '10s';
const STRATEGIES: readonly Strategy[] = ['SA', 'TABU', 'AUTO'];
const MAX_SEED = 2 ** 32 - 1;

export interface SolveArgs {
  readonly file: string;
  /** Undefined: inferred from the file (see FORMAT_INFERENCE_RULE). */
  readonly format?: FileFormat;
  /** 1-based bqp instance; undefined when not given (bqp then reads instance 1). */
  readonly instance?: number;
  readonly timeLimitMs: number;
  readonly strategy: Strategy;
  /** Undefined: the engine draws one, and the output reports it so the run can be repeated. */
  readonly seed?: number;
  readonly workers: number;
}

export type ParsedSolveArgs = { readonly help: true } | ({ readonly help: false } & SolveArgs);

export const SOLVE_USAGE = `Usage: goliath solve FILE [options]

Solves a QUBO file on this machine. Progress goes to stderr; the result is one JSON document on stdout.

Options:
  --format bqp|gset|json   file format (default: inferred, see below)
  --instance K             which instance of a bqp file, 1-based (default: 1)
  --time DURATION          time limit: 500ms, 10s, 2m (default: ${DEFAULT_TIME}); the solve uses all of it
  --strategy SA|TABU|AUTO  SA = simulated annealing, TABU = tabu search,
                           AUTO = TABU on dense or small problems, SA otherwise (default: AUTO);
                           as the API writes it, in any case (sa works too)
  --seed N                 master seed, integer 0..${MAX_SEED} (default: random, reported in the output)
  --workers N              solver threads; 0 runs in the main thread (default: CPU count)
  -h, --help               show this help

${FORMAT_INFERENCE_RULE}

Formats:
  bqp   OR-Library Beasley file (maximise x'Qx); plain or gzip
  gset  Gset graph "n m" then "u v w" per edge (maximise the cut)
  json  {"variables": [...], "linear": [...], "quadratic": [...], "offset": 0, "sense": "MINIMIZE"}

Output (stdout, JSON):
  bestObjective is the best value in the file's own convention (the bqp maximum, the cut, or the
  JSON objective in its stated sense); bestEnergy is the same solution as the minimised QUBO energy.
  assignment is a string of 0/1 characters, one per variable in file order (x1 first for bqp and
  gset, the order of "variables" for json). trace lists every improvement as {ms, energy, objective}.

Exit codes: 0 solved, 2 bad usage or unreadable/malformed file, 1 unexpected failure.
Ctrl-C stops the solve early and still prints the best result found (stoppedBy "cancelled").`;

/** Reads `goliath solve` arguments; every mistake becomes a UsageError naming the flag. */
const SOLVE_OPTIONS = {
  format: { type: 'string' },
  instance: { type: 'string' },
  time: { type: 'string' },
  strategy: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseSolveArgs(argv: readonly string[]): ParsedSolveArgs {
  const { values, positionals } = parseOptions(argv, SOLVE_OPTIONS);
  if (values.help) return { help: true };
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'missing FILE to solve' : `expected one FILE, got ${positionals.length}: ${positionals.join(' ')}`);
  }
  const format = oneOf(values.format, FILE_FORMATS, '--format');
  const instance = values.instance === undefined ? undefined : integer(values.instance, '--instance', 1, Number.MAX_SAFE_INTEGER);
  return {
    help: false,
    file: positionals[0],
    format,
    instance,
    timeLimitMs: parseDuration(values.time ?? DEFAULT_TIME, '--time'),
    strategy: oneOf(values.strategy?.toUpperCase(), STRATEGIES, '--strategy', values.strategy) ?? 'AUTO',
    seed: values.seed === undefined ? undefined : integer(values.seed, '--seed', 0, MAX_SEED),
    workers: values.workers === undefined ? availableParallelism() : integer(values.workers, '--workers', 0, 256),
  };
}


function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, typed: string | undefined = value): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got "${typed}"`);
}

function integer(text: string, flag: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be an integer within ${min}..${max}, got "${text}"`);
  }
  return value;
}
