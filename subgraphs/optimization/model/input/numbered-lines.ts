import { gunzipSync } from 'node:zlib';
import { ModelErrorCode, QuboModelError } from '../model-error';

/** Text of a benchmark file given as a string or raw bytes; gzip (e.g. `bqp1000.gz`) is detected by its magic number. */
export function decodeText(source: string | Uint8Array): string {
  if (typeof source === 'string') return source;
  const gzipped = source.length >= 2 && source[0] === 0x1f && source[1] === 0x8b;
  return Buffer.from(gzipped ? gunzipSync(source) : source).toString('utf8');
}

export function malformedFile(format: string, line: number, message: string): QuboModelError {
  return new QuboModelError(ModelErrorCode.MalformedFile, `${format} line ${line}: ${message}`);
}

/**
 * Reads whitespace-separated records one non-blank line at a time, remembering line numbers so
 * every complaint can point at the line to fix. The formats read here put one record per line.
 */
export class NumberedLines {
  private readonly lines: string[];
  private next = 0;

  constructor(
    text: string,
    private readonly format: string,
  ) {
    this.lines = text.split('\n');
  }

  /** The next record, which must have exactly `fieldNames.length` fields. */
  record(fieldNames: readonly string[], expecting: string): FileRecord {
    const { text, line } = this.nextLine(expecting);
    const fields = text.split(/\s+/);
    if (fields.length !== fieldNames.length) {
      throw this.error(line, `expected ${expecting} as "${fieldNames.join(' ')}", found ${fields.length} field(s): "${text}"`);
    }
    return new FileRecord(fields, fieldNames, line, this);
  }

  /** The next record as finite numbers, however many fields it has (a matrix row): its values and line. */
  numbers(expecting: string): { readonly values: number[]; readonly line: number } {
    const { text, line } = this.nextLine(expecting);
    const values = text.split(/\s+/).map((field, index) => {
      const value = Number(field);
      if (!DECIMAL.test(field) || !Number.isFinite(value)) throw this.error(line, `number ${index + 1} of ${expecting} must be a finite number, got "${field}"`);
      return value;
    });
    return { values, line };
  }

  /** Line number of the first non-blank line after the records read so far, or undefined at the end. */
  nextContentLine(): number | undefined {
    for (let index = this.next; index < this.lines.length; index++) {
      if (this.lines[index].trim().length > 0) return index + 1;
    }
    return undefined;
  }

  error(line: number, message: string): QuboModelError {
    return malformedFile(this.format, line, message);
  }

  /** The next non-blank line, trimmed, and its number. */
  private nextLine(expecting: string): { readonly text: string; readonly line: number } {
    while (this.next < this.lines.length) {
      const line = ++this.next;
      const text = this.lines[line - 1].trim();
      if (text.length > 0) return { text, line };
    }
    throw this.error(this.lines.length, `the file ends where ${expecting} was expected`);
  }
}

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export class FileRecord {
  constructor(
    private readonly fields: readonly string[],
    private readonly names: readonly string[],
    readonly line: number,
    private readonly source: NumberedLines,
  ) {}

  /** Field `name` as an integer in [min, max]. */
  integer(name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const text = this.field(name);
    const value = Number(text);
    if (!INTEGER.test(text) || !Number.isSafeInteger(value)) throw this.source.error(this.line, `${name} must be an integer, got "${text}"`);
    if (value < min || value > max) throw this.source.error(this.line, `${name} must be within ${min}..${max}, got ${value}`);
    return value;
  }

  /** Field `name` as a finite decimal number (no hex, no "Infinity", no overflow to infinity). */
  number(name: string): number {
    const text = this.field(name);
    const value = Number(text);
    if (!DECIMAL.test(text) || !Number.isFinite(value)) throw this.source.error(this.line, `${name} must be a finite number, got "${text}"`);
    return value;
  }

  private field(name: string): string {
    return this.fields[this.names.indexOf(name)];
  }
}
