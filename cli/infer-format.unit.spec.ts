import { gzipSync } from 'node:zlib';
import { FORMAT_INFERENCE_RULE, inferFormat } from './infer-format';
import { UsageError } from './usage-error';

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

describe('inferFormat', () => {
  it('takes .json files as json whatever they hold', () => {
    expect(inferFormat('problem.JSON', bytes('10\n'))).toBe('json');
  });

  it('takes .gz files and gzip content as bqp (the OR-Library ships bqp1000.gz)', () => {
    expect(inferFormat('bqp1000.gz', bytes('anything'))).toBe('bqp');
    expect(inferFormat('bqp1000', gzipSync(bytes(' 10\n 1000 5000\n')))).toBe('bqp');
  });

  it('tells bqp from Gset text files by the first non-blank line', () => {
    expect(inferFormat('bqp50.txt', bytes(' 10 \n 50 111 \n 1 4 39\n'))).toBe('bqp');
    expect(inferFormat('G1.txt', bytes('\n800 19176\n1 560 1\n'))).toBe('gset');
    expect(inferFormat('no-extension', bytes('\t7\r\n'))).toBe('bqp');
  });

  it('asks for --format when the first line fits neither', () => {
    for (const content of ['', '1 2 3\n', 'n m\n', '{"variables": []}']) {
      expect(() => inferFormat('mystery.txt', bytes(content))).toThrow(UsageError);
      expect(() => inferFormat('mystery.txt', bytes(content))).toThrow(/pass --format bqp\|gset\|json/);
    }
  });

  it('documents the rule it applies', () => {
    expect(FORMAT_INFERENCE_RULE).toMatch(/\.json\s+-> json/);
    expect(FORMAT_INFERENCE_RULE).toMatch(/one integer.*-> bqp/);
    expect(FORMAT_INFERENCE_RULE).toMatch(/two integers.*-> gset/);
  });
});
