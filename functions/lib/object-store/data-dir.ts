import path from 'node:path';

/**
 * Where local mode keeps its objects: `PKH_DATA_DIR` when set, else `./.pkh` (absolute).
 * In its own module so the CLI can use it without loading the S3 client.
 */
export function defaultDataDir(): string {
  const fromEnv = process.env.PKH_DATA_DIR;
  return fromEnv ? fromEnv : path.resolve('.pkh');
}
