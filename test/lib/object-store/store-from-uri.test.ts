import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../../functions/lib/errors.js';
import { defaultDataDir, FolderStore, S3Store, storeFromUri } from '../../../functions/lib/object-store/index.js';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('defaultDataDir', () => {
  it('is ./.pkh made absolute when PKH_DATA_DIR is not set', () => {
    vi.stubEnv('PKH_DATA_DIR', '');
    expect(defaultDataDir()).toBe(path.resolve('.pkh'));
  });

  it('is PKH_DATA_DIR when set', () => {
    vi.stubEnv('PKH_DATA_DIR', 's3://pkh-data/prod');
    expect(defaultDataDir()).toBe('s3://pkh-data/prod');
  });
});

describe('storeFromUri', () => {
  it('makes an S3 store for s3://bucket/prefix', () => {
    // Act
    const store = storeFromUri('s3://pkh-data/env/prod');

    // Assess
    expect(store).toBeInstanceOf(S3Store);
    expect((store as S3Store).bucket).toBe('pkh-data');
    expect((store as S3Store).prefix).toBe('env/prod/');
    expect(store.description).toBe('s3://pkh-data/env/prod');
  });

  it('makes an S3 store without prefix for s3://bucket', () => {
    const store = storeFromUri('s3://pkh-data');
    expect((store as S3Store).prefix).toBe('');
    expect(store.description).toBe('s3://pkh-data');
  });

  it('makes a folder store for a relative path, resolved', () => {
    const store = storeFromUri('data/.pkh');
    expect(store).toBeInstanceOf(FolderStore);
    expect(store.description).toBe(`folder ${path.resolve('data/.pkh')}`);
    expect(store.localPath?.('a/b.json')).toBe(path.resolve('data/.pkh/a/b.json'));
  });

  it('makes a folder store for a file:// URL', () => {
    expect(storeFromUri('file:///tmp/pkh').description).toBe('folder /tmp/pkh');
  });

  it.each(['s3://', 's3://Bad_Bucket/x', 's3:///x'])('rejects %j with a UserError', (uri) => {
    expect(() => storeFromUri(uri)).toThrow(UserError);
    expect(() => storeFromUri(uri)).toThrow(/Nama bucket S3 tidak sah .* \/ Invalid S3 bucket name/);
  });

  it('rejects an empty location', () => {
    expect(() => storeFromUri('  ')).toThrow(/PKH_DATA_DIR/);
  });
});
