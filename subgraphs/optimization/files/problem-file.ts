import { ModelErrorCode, parseBqp, parseGset, parseMatrixText, parseQuboJson, QuboModelError, type ModelLimits, type QuboModel } from '../model';

/** The problem files the model reads: OR-Library bqp, Gset, an upper-triangular matrix as text, the QUBO's JSON form. */
export type ProblemFileFormat = 'ORLIB_BQP' | 'GSET' | 'MATRIX' | 'JSON';

/**
 * The model of one problem of a file's text. `instance` (1-based, 1 when left out) picks the
 * problem of a multi-instance OR-Library file; the other formats hold one problem, so there it
 * may only be 1. Refusals are the model's: MALFORMED_FILE naming the line, PROBLEM_TOO_LARGE, …
 */
export function parseProblemFile(format: ProblemFileFormat, text: string, instance: number | undefined, limits: ModelLimits): QuboModel {
  if (format === 'ORLIB_BQP') return parseBqp(text, { instance: instance ?? 1, limits });
  if (instance !== undefined && instance !== 1) throw new QuboModelError(ModelErrorCode.InvalidQubo, `a ${format} file holds one problem, so instance can only be 1, got ${instance}`, 'instance');
  if (format === 'GSET') return parseGset(text, { limits });
  if (format === 'MATRIX') return parseMatrixText(text, { limits });
  return parseQuboJson(text, { limits });
}
