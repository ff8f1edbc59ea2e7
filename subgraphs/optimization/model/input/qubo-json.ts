import { ModelErrorCode, QuboModelError } from '../model-error';
import type { QuboModel } from '../qubo-model';
import { decodeText } from './numbered-lines';
import { parseQuboInput, type InputOptions, type QuboInput } from './qubo-input';

/**
 * A JSON file in the GraphQL input shape: `{"variables": [...], "linear": [...], "quadratic": [...],
 * "offset": 0, "sense": "MINIMIZE"}`. Syntax errors name the line; everything else is checked by
 * parseQuboInput (numbers too large for a double, e.g. 1e400, arrive as Infinity and are refused).
 */
export function parseQuboJson(source: string | Uint8Array, options: InputOptions = {}): QuboModel {
  const text = decodeText(source);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const line = lineOfPosition(text, /position (\d+)/.exec(message)?.[1]);
    throw new QuboModelError(ModelErrorCode.MalformedFile, `json line ${line}: ${message}`);
  }
  return parseQuboInput(withSenseInAnyCase(parsed) as QuboInput, options);
}

/** People write these files: `sense` is read in any case, so a file written as `"minimize"` still loads. */
function withSenseInAnyCase(parsed: unknown): unknown {
  if (typeof parsed !== 'object' || parsed === null) return parsed;
  const sense = (parsed as { sense?: unknown }).sense;
  const inCapitals = typeof sense === 'string' ? sense.toUpperCase() : undefined;
  // Anything else stays as written, so the refusal quotes what the file says.
  return inCapitals === 'MINIMIZE' || inCapitals === 'MAXIMIZE' ? { ...parsed, sense: inCapitals } : parsed;
}

function lineOfPosition(text: string, position: string | undefined): number {
  const end = position === undefined ? text.length : Number(position);
  let line = 1;
  for (let index = 0; index < end && index < text.length; index++) if (text.charCodeAt(index) === 10) line++;
  return line;
}
