import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';

describe('storage configuration', () => {
  it('keeps files under the data folder and caps uploads at 10 MiB by default', () => {
    const config = loadConfig({ LOKET_DATA_DIR: '/srv/loket' });
    expect(config.filesDir).toBe('/srv/loket/files');
    expect(config.uploadMaxBytes).toBe(10 * 1024 * 1024);
  });

  it('takes a files folder and a ceiling of its own', () => {
    const config = loadConfig({ LOKET_FILES_DIR: 'berkas', LOKET_UPLOAD_MAX_BYTES: '2097152' });
    expect(config.filesDir).toBe(path.resolve('berkas'));
    expect(config.uploadMaxBytes).toBe(2 * 1024 * 1024);
  });

  it('refuses a ceiling that is not a sensible number of bytes', () => {
    expect(() => loadConfig({ LOKET_UPLOAD_MAX_BYTES: '10MB' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOKET_UPLOAD_MAX_BYTES: '10' })).toThrow(/LOKET_UPLOAD_MAX_BYTES/);
  });
});
