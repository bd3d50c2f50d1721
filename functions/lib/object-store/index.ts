import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { FolderStore } from './folder-store.js';
import { S3Store } from './s3-store.js';
import type { ObjectStore } from './types.js';

export { NotFoundError, isNotFoundError, moveObject, type ObjectInfo, type ObjectStore, type PutOptions } from './types.js';
export { FolderStore } from './folder-store.js';
export { S3Store, DEFAULT_PART_SIZE, type S3StoreOptions } from './s3-store.js';
export { withRetry, isRetryableError, backoffDelay, type RetryOptions } from './retry.js';
export { assertValidKey } from './keys.js';
export { defaultDataDir } from './data-dir.js';


/**
 * The store a location names: `s3://bucket[/prefix]` is S3, `file:///path` or any other text is
 * a local folder.
 *
 * @example storeFromUri(defaultDataDir()).description // 'folder /home/me/project/.pkh'
 */
export function storeFromUri(uri: string): ObjectStore {
  if (/^s3:\/\//i.test(uri)) {
    const rest = uri.slice('s3://'.length);
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    const prefix = slash < 0 ? '' : rest.slice(slash + 1);
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new UserError(
        `Nama bucket S3 tidak sah di "${uri}"; tulis s3://nama-bucket/awalan / Invalid S3 bucket name in "${uri}"; write s3://bucket-name/prefix`,
        'bad_store_uri',
      );
    }
    return new S3Store({ bucket, prefix });
  }
  if (/^file:\/\//i.test(uri)) return new FolderStore(fileURLToPath(uri));
  if (uri.trim() === '') {
    throw new UserError('Lokasi data kosong; isi PKH_DATA_DIR dengan folder atau s3://bucket / Data location is empty; set PKH_DATA_DIR to a folder or s3://bucket', 'bad_store_uri');
  }
  return new FolderStore(uri);
}
