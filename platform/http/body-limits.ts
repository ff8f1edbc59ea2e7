/** The largest JSON request body a gateway or subgraph reads for an ordinary operation. */
export const JSON_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/** Room in an upload's request for everything but the file: the document, the other variables, the JSON around them. */
const UPLOAD_ENVELOPE_BYTES = 64 * 1024;

/**
 * The largest JSON request body that carries a file of `uploadMaxBytes` (UPLOAD_MAX_BYTES). A text
 * file grows when escaped into a JSON string (a newline, tab, quote or backslash takes two bytes),
 * so twice the file is read: a file within the limit is never cut off by the body parser, and one
 * beyond it reaches the resolver, which refuses it with UPLOAD_TOO_LARGE naming the setting.
 */
export function uploadBodyLimitBytes(uploadMaxBytes: number): number {
  return Math.max(JSON_BODY_LIMIT_BYTES, 2 * uploadMaxBytes + UPLOAD_ENVELOPE_BYTES);
}
