import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { assertValidKey } from './keys.js';
import { withRetry, type RetryOptions } from './retry.js';
import { NotFoundError, type ObjectInfo, type ObjectStore, type PutOptions } from './types.js';

export interface S3StoreOptions {
  bucket: string;
  /** Key prefix inside the bucket, e.g. `pkh/`; a trailing `/` is added when missing. */
  prefix?: string;
  /** A client to use (tests pass a mocked one). The default client does no retries of its own. */
  client?: S3Client;
  retry?: RetryOptions;
  /** Multipart part size for `putStream`; default 8 MiB (S3 needs at least 5 MiB but the last). */
  partSizeBytes?: number;
}

export const DEFAULT_PART_SIZE = 8 * 1024 * 1024;
/** S3's limit of keys per DeleteObjects request. */
const DELETE_CHUNK = 1000;

/**
 * Object store on S3 (SDK v3). Every request is retried with exponential back-off and jitter on
 * 503 SlowDown, 500 InternalError, throttling and network errors, never on other 4xx. Keys go to
 * the SDK as plain strings (it encodes them once for the URL).
 *
 * @example
 * const store = new S3Store({ bucket: 'pkh-data', prefix: 'prod/' });
 * const manifest = JSON.parse(new TextDecoder().decode(await store.get('manifests/roster/abc.json')));
 */
export class S3Store implements ObjectStore {
  readonly bucket: string;
  readonly prefix: string;
  readonly description: string;
  private readonly client: S3Client;
  private readonly retry: RetryOptions;
  private readonly partSize: number;

  constructor(opts: S3StoreOptions) {
    if (!opts.bucket) throw new Error('S3Store needs a bucket name');
    this.bucket = opts.bucket;
    const prefix = (opts.prefix ?? '').replace(/^\/+/, '');
    this.prefix = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
    this.description = `s3://${this.bucket}/${this.prefix}`.replace(/\/$/, '');
    // maxAttempts 1: our retry is the only one, so attempts are what the options say.
    this.client = opts.client ?? new S3Client({ maxAttempts: 1 });
    this.retry = opts.retry ?? {};
    this.partSize = opts.partSizeBytes ?? DEFAULT_PART_SIZE;
  }

  async put(key: string, body: Uint8Array | string, opts?: PutOptions): Promise<void> {
    const Key = this.fullKey(key);
    await this.call('PutObject', key, () =>
      this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key, Body: body, ContentType: opts?.contentType })),
    );
  }

  /**
   * Streams an object up in parts (CreateMultipartUpload, UploadPart, CompleteMultipartUpload);
   * at most one part is held in memory. A body smaller than one part is sent with one PutObject.
   * On any failure the multipart upload is aborted, so no invisible parts are left to pay for.
   */
  async putStream(key: string, body: NodeJS.ReadableStream, opts?: PutOptions): Promise<void> {
    const Key = this.fullKey(key);
    const parts = readParts(body, this.partSize);
    const first = await parts.next();
    const second = first.done ? first : await parts.next();
    if (second.done) {
      await this.put(key, first.done ? new Uint8Array(0) : first.value, opts);
      return;
    }
    const created = await this.call('CreateMultipartUpload', key, () =>
      this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key, ContentType: opts?.contentType })),
    );
    const UploadId = created.UploadId;
    if (!UploadId) throw new Error(`S3 CreateMultipartUpload ${this.where(key)} returned no UploadId`);
    const done: CompletedPart[] = [];
    try {
      const upload = async (bytes: Uint8Array) => {
        const PartNumber = done.length + 1;
        const res = await this.call(`UploadPart ${PartNumber}`, key, () =>
          this.client.send(new UploadPartCommand({ Bucket: this.bucket, Key, UploadId, PartNumber, Body: bytes })),
        );
        done.push({ PartNumber, ETag: res.ETag });
      };
      await upload(first.value as Uint8Array);
      await upload(second.value);
      for (let next = await parts.next(); !next.done; next = await parts.next()) await upload(next.value);
      await this.call('CompleteMultipartUpload', key, () =>
        this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId, MultipartUpload: { Parts: done } })),
      );
    } catch (err) {
      await this.call('AbortMultipartUpload', key, () =>
        this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId })),
      ).catch(() => undefined); // The original failure is the one worth reporting.
      throw err;
    }
  }

  async get(key: string): Promise<Uint8Array> {
    const Key = this.fullKey(key);
    // Reading the body is inside the retry: a connection dropped mid-body is retried too.
    return this.call('GetObject', key, async () => {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key }));
      return bodyBytes(res.Body);
    }, true);
  }

  async getStream(key: string): Promise<NodeJS.ReadableStream> {
    const Key = this.fullKey(key);
    const res = await this.call('GetObject', key, () => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key })), true);
    if (!res.Body) throw new Error(`S3 GetObject ${this.where(key)} returned no body`);
    return res.Body as NodeJS.ReadableStream;
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    const Key = this.fullKey(key);
    try {
      const res = await this.call('HeadObject', key, () => this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key })), true);
      return { key, size: res.ContentLength ?? 0, lastModified: res.LastModified };
    } catch (err) {
      if (err instanceof NotFoundError) return undefined;
      throw err;
    }
  }

  async list(prefix: string): Promise<ObjectInfo[]> {
    assertValidKey(prefix, 'prefix');
    const Prefix = this.prefix + prefix;
    const out: ObjectInfo[] = [];
    let ContinuationToken: string | undefined;
    do {
      const res = await this.call('ListObjectsV2', prefix, () =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix, ContinuationToken })),
      );
      for (const o of res.Contents ?? []) {
        if (o.Key === undefined || !o.Key.startsWith(Prefix)) continue;
        out.push({ key: o.Key.slice(this.prefix.length), size: o.Size ?? 0, lastModified: o.LastModified });
      }
      ContinuationToken = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** CopyObject then DeleteObjects (S3 has no rename); a copy is atomic for readers. */
  async move(from: string, to: string): Promise<void> {
    const source = this.fullKey(from);
    const Key = this.fullKey(to);
    await this.call(
      'CopyObject',
      from,
      // CopySource is `bucket/key`, URL-encoded by us (the SDK does not); `=` and `/` stay as they are.
      () => this.client.send(new CopyObjectCommand({ Bucket: this.bucket, Key, CopySource: encodeURI(`${this.bucket}/${source}`).replaceAll('?', '%3F').replaceAll('#', '%23') })),
      true,
    );
    await this.delete([from]);
  }

  /** Deletes in requests of 1,000 keys; keys S3 reports as failed with a retryable code are retried. */
  async delete(keys: string[]): Promise<void> {
    const full = keys.map((k) => this.fullKey(k));
    for (let i = 0; i < full.length; i += DELETE_CHUNK) {
      let pending = full.slice(i, i + DELETE_CHUNK);
      await this.call('DeleteObjects', pending[0].slice(this.prefix.length), async () => {
        const res = await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: pending.map((Key) => ({ Key })), Quiet: true } }),
        );
        const errors = res.Errors ?? [];
        if (errors.length === 0) return;
        pending = errors.map((e) => e.Key ?? '').filter((k) => k !== '');
        const first = errors[0];
        throw Object.assign(new Error(`${first.Code}: ${first.Message ?? ''} (${errors.length} keys not deleted)`), { name: first.Code ?? 'DeleteError' });
      });
    }
  }

  private fullKey(key: string): string {
    assertValidKey(key);
    return this.prefix + key;
  }

  private where(key: string): string {
    return `s3://${this.bucket}/${this.prefix}${key}`;
  }

  /**
   * One S3 request with retries. For reads of one object (`objectRead`) a missing key becomes
   * NotFoundError; other failures name the request and the key, keeping the SDK error as cause.
   */
  private async call<T>(operation: string, key: string, fn: () => Promise<T>, objectRead = false): Promise<T> {
    try {
      return await withRetry(fn, this.retry);
    } catch (err) {
      if (objectRead && isMissingObject(err)) throw new NotFoundError(key, this.description);
      const e = err as Error;
      throw new Error(`S3 ${operation} ${this.where(key)} failed: ${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`, { cause: err });
    }
  }
}

/** NoSuchKey (GetObject), NotFound (HeadObject has no body, so only a 404); not NoSuchBucket. */
function isMissingObject(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.name === 'NoSuchBucket') return false;
  return e?.name === 'NoSuchKey' || e?.name === 'NotFound' || e?.$metadata?.httpStatusCode === 404;
}

/** Bytes of a GetObject body: the SDK's mixin when present, else any async-iterable stream. */
async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const mixin = body as { transformToByteArray?: () => Promise<Uint8Array> };
  if (typeof mixin.transformToByteArray === 'function') return mixin.transformToByteArray();
  const chunks: Uint8Array[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Cuts a stream into parts of exactly `size` bytes (the last one shorter), copying each byte once. */
async function* readParts(body: NodeJS.ReadableStream, size: number): AsyncGenerator<Uint8Array> {
  let part = Buffer.allocUnsafe(size);
  let filled = 0;
  for await (const raw of body as AsyncIterable<Uint8Array | string>) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    let at = 0;
    while (at < chunk.length) {
      const n = Math.min(size - filled, chunk.length - at);
      part.set(chunk.subarray(at, at + n), filled);
      filled += n;
      at += n;
      if (filled === size) {
        yield part;
        part = Buffer.allocUnsafe(size);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield part.subarray(0, filled);
}
