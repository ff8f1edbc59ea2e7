import { loadConfig } from '../config';
import { JSON_BODY_LIMIT_BYTES, uploadBodyLimitBytes } from './body-limits';

describe('UPLOAD_MAX_BYTES and the body an upload may need', () => {
  it('given no setting, when loaded, then 8 MiB: room for bqp1000 decompressed (6.5 MB) sent as text', () => {
    expect(loadConfig({}).uploadMaxBytes).toBe(8 * 1024 * 1024);
    expect(loadConfig({ UPLOAD_MAX_BYTES: '1000' }).uploadMaxBytes).toBe(1000);
  });

  it.each(['0', '-1', '2.5', 'eight'])('given UPLOAD_MAX_BYTES=%s, when loaded, then the start is refused naming the setting', (value) => {
    expect(() => loadConfig({ UPLOAD_MAX_BYTES: value })).toThrow(/UPLOAD_MAX_BYTES/);
  });

  it('given a limit, when the body an upload may need is asked, then twice the file (its text escaped into JSON) plus the request around it, never less than the usual limit', () => {
    expect(uploadBodyLimitBytes(8 * 1024 * 1024)).toBe(16 * 1024 * 1024 + 64 * 1024);
    expect(uploadBodyLimitBytes(1000)).toBe(JSON_BODY_LIMIT_BYTES);
  });
});
