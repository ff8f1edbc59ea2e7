/**
 * Minimal readers for the benchmark files in ../shared/data/qubo (formats and objective
 * conventions in BEST_KNOWN.md there). Bench-only: the model layer has the real parsers.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { compileFromTerms, type CompiledQubo, type PairTerm } from '../subgraphs/optimization/engine/compiled-qubo';
import { BQP_BEST_KNOWN, GSET_BEST_KNOWN } from '../subgraphs/optimization/model';

export interface BenchInstance {
  readonly name: string;
  readonly family: 'bqp' | 'gset';
  readonly qubo: CompiledQubo;
  /** Best-known value in the file's own convention (OR-Library: maximum; Gset: maximum cut). */
  readonly bestKnown: number;
  /** The file's value for a minimised QUBO energy. */
  readonly valueOfEnergy: (energy: number) => number;
}

function tokens(text: string): number[] {
  return text.trim().split(/\s+/).map(Number);
}

/**
 * OR-Library bqp: maximise Σ q_ii x_i + 2·Σ_{i<j} q_ij x_i x_j. Minimised as
 * linear −q_ii and couplings −2·q_ij, so value = −energy.
 */
export function readBqpFile(path: string): CompiledQubo[] {
  const raw = readFileSync(path);
  const t = tokens((path.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8'));
  let at = 0;
  const count = t[at++];
  const out: CompiledQubo[] = [];
  for (let k = 0; k < count; k++) {
    const n = t[at++];
    const nnz = t[at++];
    const linear = new Float64Array(n);
    const pairs: PairTerm[] = [];
    for (let e = 0; e < nnz; e++) {
      const i = t[at++] - 1;
      const j = t[at++] - 1;
      const q = t[at++];
      if (i === j) linear[i] -= q;
      else pairs.push({ i, j, value: -2 * q });
    }
    out.push(compileFromTerms(n, linear, pairs));
  }
  return out;
}

/** Gset Max-Cut: cut(x) = Σ_E w (x_u + x_v − 2 x_u x_v); minimised as −cut, so cut = −energy. */
export function readGsetFile(path: string): CompiledQubo {
  const t = tokens(readFileSync(path, 'utf8'));
  const n = t[0];
  const m = t[1];
  const linear = new Float64Array(n);
  const pairs: PairTerm[] = [];
  for (let e = 0; e < m; e++) {
    const u = t[2 + 3 * e] - 1;
    const v = t[3 + 3 * e] - 1;
    const w = t[4 + 3 * e];
    linear[u] -= w;
    linear[v] -= w;
    pairs.push({ i: u, j: v, value: 2 * w });
  }
  return compileFromTerms(n, linear, pairs);
}

/** `npm run` starts in the repository root; the shared data sits beside it (QUBO_DATA_DIR overrides). */
export const DATA_DIR = process.env.QUBO_DATA_DIR ?? join(process.cwd(), '..', 'shared', 'data', 'qubo');

export function loadBqpSet(size: number, dataDir = DATA_DIR): BenchInstance[] {
  const file = join(dataDir, 'orlib', size === 1000 ? 'bqp1000.gz' : `bqp${size}.txt`);
  return readBqpFile(file).map((qubo, k) => ({
    name: `bqp${size}.${k + 1}`,
    family: 'bqp',
    qubo,
    bestKnown: BQP_BEST_KNOWN[size][k],
    valueOfEnergy: (energy: number) => -energy,
  }));
}

export function loadGset(name: string, dataDir = DATA_DIR): BenchInstance {
  return {
    name,
    family: 'gset',
    qubo: readGsetFile(join(dataDir, 'gset', `${name}.txt`)),
    bestKnown: GSET_BEST_KNOWN[name],
    valueOfEnergy: (energy: number) => -energy,
  };
}
