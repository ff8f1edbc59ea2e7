import { gunzipSync } from 'node:zlib';
import { ErrorCode, platformError } from '../../../platform/errors';
import { ModelErrorCode, QuboModelError } from '../model';

/** How base64 of any gzip stream starts: the magic bytes 1f 8b and deflate's method byte 08. */
export const BASE64_GZIP_PREFIX = 'H4sI';

/**
 * The text of an uploaded file: `content` as sent, or, when it is base64 of a gzip stream, that
 * stream decompressed. Either may be at most `maxBytes` (UPLOAD_MAX_BYTES): decompression stops
 * at the limit, so a small stream that inflates without end costs no more than a file at the limit.
 */
export function decodeUpload(content: string, maxBytes: number): string {
  const sent = Buffer.byteLength(content, 'utf8');
  if (sent > maxBytes) throw uploadTooLarge(`content has ${sent} bytes`, maxBytes);
  if (!content.startsWith(BASE64_GZIP_PREFIX)) return content;
  try {
    return gunzipSync(Buffer.from(content, 'base64'), { maxOutputLength: maxBytes }).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw uploadTooLarge('the file decompressed is larger than that', maxBytes);
    const reason = (error as Error).message;
    throw new QuboModelError(ModelErrorCode.MalformedFile, `content starts like base64-encoded gzip ("${BASE64_GZIP_PREFIX}") but does not decompress: ${reason}`, 'content');
  }
}

function uploadTooLarge(what: string, maxBytes: number) {
  return platformError(ErrorCode.UploadTooLarge, `Files are accepted up to ${maxBytes} bytes, as sent and decompressed; ${what}. Send a smaller file, or have the operator raise UPLOAD_MAX_BYTES.`, {
    field: 'content',
    limit: maxBytes,
  });
}
