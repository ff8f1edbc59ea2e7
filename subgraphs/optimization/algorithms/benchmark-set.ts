import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { GraphQLError } from 'graphql';
import { ErrorCode, platformError } from '../../../platform/errors';
import { Xoshiro128 } from '../engine/prng';
import { bestKnownValue, parseBqp, parseGset, QuboModel, type ModelLimits } from '../model';

/** At most this many instances, smallest first, so a benchmark answers in seconds. */
const BENCHMARK_MAX_INSTANCES = 5;

export interface BenchmarkInstance {
  readonly name: string;
  readonly model: QuboModel;
  /** The published best-known value as the model's energy (its minimisation form); null when none is published. */
  readonly bestKnownEnergy: number | null;
}

export interface BenchmarkSet {
  /** Which set was run: the folder's name, or the seeded instances'. */
  readonly name: string;
  readonly instances: readonly BenchmarkInstance[];
}

/** An instance found in a file, known by its size before it is read in full. */
interface Candidate {
  readonly name: string;
  readonly variables: number;
  load(limits: ModelLimits): QuboModel;
}

const BQP_FILE = /^(bqp\d+)\.(txt|gz)$/;
const GSET_FILE = /^(G\d+)\.txt$/;

/**
 * The published benchmark set (BENCHMARK_INSTANCES_PATH): the OR-Library bqp and Gset files of a
 * folder and its subfolders (as ../shared/data/qubo lays them out), the smallest few within the
 * QUBO limits. Without a folder, random QUBOs generated from fixed seeds, the same every time.
 */
export function benchmarkSet(folder: string | undefined, limits: ModelLimits): BenchmarkSet {
  if (!folder) return { name: 'seeded-random', instances: SEEDED_SIZES.map((variables, index) => seededInstance(variables, index + 1)) };
  const chosen = readableFilesUnder(folder)
    .flatMap(candidatesIn)
    .filter((candidate) => candidate.variables <= limits.maxVariables)
    .sort((a, b) => a.variables - b.variables || a.name.localeCompare(b.name, 'en', { numeric: true }))
    .slice(0, BENCHMARK_MAX_INSTANCES);
  if (chosen.length === 0) throw benchmarkSetUnavailable(`holds no bqp or Gset file within the QUBO limits (bqp<n>.txt|gz, G<k>.txt)`);
  return {
    name: basename(folder),
    instances: chosen.map((candidate) => {
      const model = candidate.load(limits);
      const bestKnown = bestKnownValue(candidate.name);
      return { name: candidate.name, model, bestKnownEnergy: bestKnown === undefined ? null : model.fromSourceObjective(bestKnown) };
    }),
  };
}

/** The operators' setting is wrong, not the caller's request: the message says whom to ask and what to fix. */
function benchmarkSetUnavailable(what: string): GraphQLError {
  return platformError(ErrorCode.BenchmarkSetUnavailable, `The platform's benchmark set (BENCHMARK_INSTANCES_PATH) ${what}: ask the platform's operators to point it at a folder of OR-Library bqp or Gset files, or to unset it for the seeded instances.`);
}

function readableFilesUnder(folder: string): string[] {
  try {
    return filesUnder(folder);
  } catch {
    throw benchmarkSetUnavailable('cannot be read');
  }
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const path = join(folder, entry);
    return statSync(path).isDirectory() ? readdirSync(path).map((inner) => join(path, inner)) : [path];
  });
}

function candidatesIn(file: string): Candidate[] {
  const name = basename(file);
  const bqp = BQP_FILE.exec(name);
  if (bqp) {
    // "K" instances, then the first instance's "n nnz": every instance of an OR-Library file has the same n.
    const [instances, variables] = leadingNumbers(file, 2);
    return Array.from({ length: instances }, (_, index) => ({
      name: `${bqp[1]}.${index + 1}`,
      variables,
      load: (limits: ModelLimits) => parseBqp(readFileSync(file), { instance: index + 1, limits }),
    }));
  }
  const gset = GSET_FILE.exec(name);
  if (gset) return [{ name: gset[1], variables: leadingNumbers(file, 1)[0], load: (limits: ModelLimits) => parseGset(readFileSync(file), { limits }) }];
  return [];
}

/** The first numbers of a file, read from its head only (a gzip file is inflated whole: OR-Library's is one of a few MB). */
function leadingNumbers(file: string, count: number): number[] {
  const text = file.endsWith('.gz') ? gunzipSync(readFileSync(file)).toString('utf8', 0, 256) : head(file, 256);
  return text.trim().split(/\s+/).slice(0, count).map(Number);
}

function head(file: string, bytes: number): string {
  const descriptor = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.toString('utf8', 0, readSync(descriptor, buffer, 0, bytes, 0));
  } finally {
    closeSync(descriptor);
  }
}

const SEEDED_SIZES = [50, 100, 200] as const;
/** Beasley's recipe for the bqp files: 10 % of the pairs coupled, integer coefficients uniform in [−100, 100]. */
const SEEDED_DENSITY = 0.1;
const SEEDED_RANGE = 100;

function seededInstance(variables: number, seed: number): BenchmarkInstance {
  const random = new Xoshiro128(seed);
  const coefficient = () => random.nextInt(2 * SEEDED_RANGE + 1) - SEEDED_RANGE;
  const model = new QuboModel('MINIMIZE');
  for (let index = 1; index <= variables; index++) model.addVariable(`x${index}`);
  for (let i = 0; i < variables; i++) {
    model.addLinear(i, coefficient());
    for (let j = i + 1; j < variables; j++) if (random.nextFloat() < SEEDED_DENSITY) model.addQuadratic(i, j, coefficient());
  }
  return { name: `random-${variables}-seed${seed}`, model, bestKnownEnergy: null };
}
