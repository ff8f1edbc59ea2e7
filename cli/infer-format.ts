import { extname } from 'node:path';
import { UsageError } from './usage-error';

export const FILE_FORMATS = ['bqp', 'gset', 'json'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** Shown in `--help`, so the rule and its documentation stay side by side. */
export const FORMAT_INFERENCE_RULE = [
  'Without --format the format is inferred:',
  '  *.json                               -> json',
  '  *.gz (or gzip-compressed content)    -> bqp',
  '  otherwise from the first non-blank line:',
  '    one integer  (the instance count)  -> bqp   (OR-Library, e.g. bqp50.txt)',
  '    two integers ("n m")               -> gset  (e.g. G1.txt)',
].join('\n');

/**
 * Which parser reads `path`. Extensions alone cannot decide: OR-Library and Gset files are both
 * `.txt`, so plain text files are told apart by their first line, whose shape differs (a lone
 * instance count versus the graph header "n m").
 */
export function inferFormat(path: string, content: Uint8Array): FileFormat {
  const extension = extname(path).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.gz' || isGzip(content)) return 'bqp';
  const fields = firstContentLine(content)?.split(/\s+/);
  const allIntegers = fields?.every((field) => /^[+-]?\d+$/.test(field)) ?? false;
  if (allIntegers && fields!.length === 1) return 'bqp';
  if (allIntegers && fields!.length === 2) return 'gset';
  throw new UsageError(`cannot tell the format of ${path} from its name or first line; pass --format bqp|gset|json`);
}

function isGzip(content: Uint8Array): boolean {
  return content.length >= 2 && content[0] === 0x1f && content[1] === 0x8b;
}

/** Only the head of the file is decoded: a bqp1000 or G-set file can be megabytes long. */
function firstContentLine(content: Uint8Array): string | undefined {
  const head = Buffer.from(content.buffer, content.byteOffset, Math.min(content.length, 4096)).toString('utf8');
  return head
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.length > 0);
}
