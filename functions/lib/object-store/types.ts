/** One stored object as listed. */
export interface ObjectInfo {
  key: string;
  size: number;
  lastModified?: Date;
}

export interface PutOptions {
  contentType?: string;
}

/**
 * Object storage with S3 semantics (flat keys, `/` only by convention), implemented by a local
 * folder and by S3. Keys are plain strings, never URL-encoded; their layout is the caller's
 * (see `lake-layout.ts`).
 */
export interface ObjectStore {
  /** Where the objects live, for messages: `folder /x/.pkh` or `s3://bucket/prefix`. */
  readonly description: string;
  /** Writes a whole object; readers see the old object or the new one, never a part. */
  put(key: string, body: Uint8Array | string, opts?: PutOptions): Promise<void>;
  /** Writes an object from a stream without holding it all in memory. */
  putStream?(key: string, body: NodeJS.ReadableStream, opts?: PutOptions): Promise<void>;
  /** The object's bytes; throws {@link NotFoundError} when there is no such object. */
  get(key: string): Promise<Uint8Array>;
  /** The object's bytes as a stream; throws {@link NotFoundError} when there is no such object. */
  getStream(key: string): Promise<NodeJS.ReadableStream>;
  /** Size and time of an object, or undefined when there is none. */
  head(key: string): Promise<ObjectInfo | undefined>;
  /** Every object whose key starts with `prefix` (a plain string prefix), sorted by key. */
  list(prefix: string): Promise<ObjectInfo[]>;
  /**
   * Moves an object to another key (replacing what is there): a rename in a folder, a copy and a
   * delete on S3. Throws {@link NotFoundError} when `from` does not exist.
   */
  move?(from: string, to: string): Promise<void>;
  /** Deletes the objects; keys that do not exist are ignored. */
  delete(keys: string[]): Promise<void>;
  /** Folder store only: the file behind a key (DuckDB reads local files directly). */
  localPath?(key: string): string;
}

/** Thrown by `get`/`getStream` when the object does not exist. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  readonly code = 'not_found';

  constructor(
    readonly key: string,
    /** Where it was looked for, e.g. the store description. */
    readonly where: string,
  ) {
    super(`Objek "${key}" tidak ada di ${where} / Object "${key}" does not exist in ${where}`);
  }
}

export function isNotFoundError(err: unknown): err is NotFoundError {
  return err instanceof NotFoundError;
}

/** Moves an object with the store's own move, or by copying and deleting when it has none. */
export async function moveObject(store: ObjectStore, from: string, to: string): Promise<void> {
  if (store.move) return store.move(from, to);
  await store.put(to, await store.get(from));
  await store.delete([from]);
}
