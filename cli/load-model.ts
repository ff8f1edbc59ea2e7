import { readFileSync } from 'node:fs';
import { parseBqp, parseGset, parseQuboJson, QuboModelError, type QuboModel } from '../subgraphs/optimization/model';
import { inferFormat, type FileFormat } from './infer-format';
import { UsageError } from './usage-error';

export interface LoadedModel {
  readonly model: QuboModel;
  readonly format: FileFormat;
  /** The bqp instance read (1-based); null for formats that hold one problem. */
  readonly instance: number | null;
}

/**
 * Reads and parses a problem file. Everything that is the file's fault (missing, unreadable,
 * malformed: the model's message names the line) becomes a UsageError prefixed with the path.
 */
export function loadModel(file: string, format: FileFormat | undefined, instance: number | undefined): LoadedModel {
  const content = readContent(file);
  const resolved = format ?? inferFormat(file, content);
  if (instance !== undefined && resolved !== 'bqp') throw new UsageError(`--instance applies to bqp files only; ${file} is read as ${resolved}`);
  try {
    if (resolved === 'bqp') return { model: parseBqp(content, { instance: instance ?? 1 }), format: resolved, instance: instance ?? 1 };
    const model = resolved === 'gset' ? parseGset(content) : parseQuboJson(content);
    return { model, format: resolved, instance: null };
  } catch (error) {
    throw asUsageError(error, file);
  }
}

/** A model error is about the input the user gave, never a bug: report it as such. */
export function asUsageError(error: unknown, file: string): unknown {
  return error instanceof QuboModelError ? new UsageError(`${file}: ${error.message}`) : error;
}

function readContent(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : message;
    throw new UsageError(`cannot read ${file}: ${reason}`);
  }
}
