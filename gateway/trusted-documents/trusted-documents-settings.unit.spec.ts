import { join, resolve } from 'node:path';
import { loadConfig } from '../../platform/config';

describe('TRUSTED_DOCUMENTS and TRUSTED_DOCUMENTS_PATH at startup', () => {
  it('are off, with the manifest under DATA_DIR, unless set', () => {
    expect(loadConfig({ DATA_DIR: '/srv/goliath' }).trustedDocuments).toEqual({ mode: 'off', manifestPath: join('/srv/goliath', 'trusted-documents.json') });
    expect(loadConfig({ TRUSTED_DOCUMENTS: 'enforce', TRUSTED_DOCUMENTS_PATH: 'client/manifest.json' }).trustedDocuments).toEqual({ mode: 'enforce', manifestPath: resolve('client/manifest.json') });
  });

  it('refuse a mode they do not know, naming the ones they do', () => {
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: 'strict' })).toThrow('Environment variable TRUSTED_DOCUMENTS must be one of off, log, enforce, got "strict"');
  });
});
