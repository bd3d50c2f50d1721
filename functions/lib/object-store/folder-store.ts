import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { assertValidKey } from './keys.js';
import { NotFoundError, type ObjectInfo, type ObjectStore, type PutOptions } from './types.js';

/** Marks in-flight files; `list` never shows them and a later put of the same key replaces them. */
const TMP_MARK = '.tmp-';
const TMP_FILE = /\.tmp-\d+-[0-9a-f]{12}$/;

/**
 * Object store in a local folder: key `a/b/c.parquet` is the file `<root>/a/b/c.parquet`.
 * Writes go to `<file>.tmp-<pid>-<random>` and are renamed into place, so a process killed mid-write
 * leaves the old object (or none) and at worst a stray tmp file that `list` ignores.
 *
 * @example
 * const store = new FolderStore('.pkh');
 * await store.put('manifests/roster/abc.json', '{}');
 */
export class FolderStore implements ObjectStore {
  readonly root: string;
  readonly description: string;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.description = `folder ${this.root}`;
  }

  /** The file behind a key; throws a UserError for keys that are absolute or contain `..`. */
  localPath(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Uint8Array | string, _opts?: PutOptions): Promise<void> {
    await this.atomically(key, (tmp) => writeFile(tmp, body, { flag: 'wx' }));
  }

  async putStream(key: string, body: NodeJS.ReadableStream, _opts?: PutOptions): Promise<void> {
    await this.atomically(key, (tmp) => pipeline(body, createWriteStream(tmp, { flags: 'wx' })));
  }

  async get(key: string): Promise<Uint8Array> {
    const file = this.localPath(key);
    try {
      return await readFile(file);
    } catch (err) {
      throw this.missing(err, key);
    }
  }

  async getStream(key: string): Promise<NodeJS.ReadableStream> {
    const file = this.localPath(key);
    // Open first so a missing object fails here, not later as a stream 'error' event.
    const handle = await open(file, 'r').catch((err: unknown) => {
      throw this.missing(err, key);
    });
    const info = await handle.stat();
    if (!info.isFile()) {
      await handle.close();
      throw new NotFoundError(key, this.description);
    }
    return handle.createReadStream();
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const file = this.localPath(key);
    try {
      const info = await stat(file);
      return info.isFile() ? { key, size: info.size, lastModified: info.mtime } : undefined;
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    assertValidKey(prefix, 'prefix');
    // Walk only the deepest folder the prefix names; the rest of the prefix filters names.
    const cut = prefix.lastIndexOf('/');
    const dirKey = cut < 0 ? '' : prefix.slice(0, cut);
    const start = dirKey === '' ? this.root : path.join(this.root, ...dirKey.split('/'));
    const out: ObjectInfo[] = [];
    await this.walk(start, dirKey === '' ? '' : `${dirKey}/`, prefix, out);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async move(from: string, to: string): Promise<void> {
    const source = this.localPath(from);
    const target = this.localPath(to);
    await makeDirs(path.dirname(target));
    // rename(2) is atomic: a reader sees the old object or the new one.
    await rename(source, target).catch((err: unknown) => {
      throw this.missing(err, from);
    });
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      try {
        await unlink(this.localPath(key));
      } catch (err) {
        if (!isMissing(err)) throw err;
      }
    }
  }

  private async walk(dir: string, keyPrefix: string, filter: string, out: ObjectInfo[]): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    for (const entry of entries) {
      const key = keyPrefix + entry.name;
      if (entry.isDirectory()) {
        // Descend only where keys can still match the prefix.
        const asDir = `${key}/`;
        if (asDir.startsWith(filter) || filter.startsWith(asDir)) await this.walk(path.join(dir, entry.name), asDir, filter, out);
      } else if (entry.isFile() && key.startsWith(filter) && !TMP_FILE.test(entry.name)) {
        const info = await stat(path.join(dir, entry.name)).catch(() => undefined);
        if (info) out.push({ key, size: info.size, lastModified: info.mtime });
      }
    }
  }

  private async atomically(key: string, write: (tmp: string) => Promise<unknown>): Promise<void> {
    const file = this.localPath(key);
    await makeDirs(path.dirname(file));
    const tmp = `${file}${TMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`;
    try {
      await write(tmp);
      await rename(tmp, file);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  private missing(err: unknown, key: string): unknown {
    return isMissing(err) || (err as NodeJS.ErrnoException)?.code === 'EISDIR' ? new NotFoundError(key, this.description) : err;
  }
}

/**
 * `mkdir -p`, one level at a time, each tried at most twice. Node's own recursive mkdir never
 * returns on a path under /proc (it keeps retrying ENOENT); this one ends with the error, which
 * the CLI turns into one line.
 */
export async function makeDirs(dir: string): Promise<void> {
  try {
    await mkdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException)?.code;
    if (code === 'EEXIST') return;
    const parent = path.dirname(dir);
    if (code !== 'ENOENT' || parent === dir) throw err;
    await makeDirs(parent);
    await mkdir(dir).catch((again: unknown) => {
      if ((again as NodeJS.ErrnoException)?.code !== 'EEXIST') throw again;
    });
  }
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
