import { gzipSync } from 'node:zlib';
import { GraphQLError } from 'graphql';
import { QuboModelError } from '../model';
import { decodeUpload } from './upload-content';

const GSET = '2 1\n1 2 1\n';
const base64Gzip = (text: string | Buffer) => gzipSync(text).toString('base64');

function refusal(decode: () => unknown): GraphQLError | QuboModelError {
  try {
    decode();
  } catch (error) {
    return error as GraphQLError | QuboModelError;
  }
  throw new Error('expected a refusal');
}

describe('decodeUpload', () => {
  it('given a file as text, when decoded, then it is the text as sent', () => {
    expect(decodeUpload(GSET, 100)).toBe(GSET);
  });

  it('given the file gzipped and base64-encoded, when decoded, then it is the text decompressed (base64 of gzip starts with "H4sI")', () => {
    const content = base64Gzip(GSET);
    expect(content.startsWith('H4sI')).toBe(true);
    expect(decodeUpload(content, 100)).toBe(GSET);
  });

  it('given text exactly at the limit in UTF-8 bytes, when decoded, then it is accepted; one byte more is UPLOAD_TOO_LARGE naming the limit and the setting', () => {
    expect(decodeUpload('é'.repeat(50), 100)).toHaveLength(50);
    const error = refusal(() => decodeUpload(`${'é'.repeat(50)}x`, 100)) as GraphQLError;
    expect(error.extensions).toEqual({ code: 'UPLOAD_TOO_LARGE', field: 'content', limit: 100 });
    expect(error.message).toMatch(/up to 100 bytes.*content has 101 bytes.*UPLOAD_MAX_BYTES/);
  });

  it('given a small gzip stream that inflates past the limit (a gzip bomb), when decoded, then UPLOAD_TOO_LARGE: the decompressed size counts', () => {
    const bomb = base64Gzip(Buffer.alloc(10_000_000));
    expect(bomb.length).toBeLessThan(20_000);
    const error = refusal(() => decodeUpload(bomb, 1_000_000)) as GraphQLError;
    expect(error.extensions).toMatchObject({ code: 'UPLOAD_TOO_LARGE', limit: 1_000_000 });
    expect(error.message).toMatch(/decompressed/);
  });

  it('given a gzip stream decompressing to exactly the limit, when decoded, then it is accepted', () => {
    expect(decodeUpload(base64Gzip('x'.repeat(1000)), 1000)).toHaveLength(1000);
  });

  it('given content that starts like base64 gzip but is not, when decoded, then MALFORMED_FILE on content', () => {
    const error = refusal(() => decodeUpload('H4sI this is not gzip', 1000)) as QuboModelError;
    expect(error).toBeInstanceOf(QuboModelError);
    expect(error).toMatchObject({ code: 'MALFORMED_FILE', field: 'content' });
    expect(error.message).toMatch(/does not decompress/);
  });
});
