/**
 * A real S3 API on loopback for integration tests: s3rver (an S3-compatible HTTP server writing
 * to a temp folder) and real SDK v3 clients pointed at it. Also the S3 event notifications S3
 * would put into SQS for an upload (URL-encoded key, ETag, size).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SQSRecord } from 'aws-lambda';
import S3rver from 's3rver';
import { S3Store, type ObjectStore, type RetryOptions } from '../../functions/lib/object-store/index.js';
import { sqsRecord } from '../handlers/events.js';

/** Dummy keys s3rver accepts; nothing here can reach AWS. */
export const DUMMY_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
export const REGION = 'us-east-1';

export interface LocalS3 {
  port: number;
  endpoint: string;
  /** A real S3Client for this server (path-style, no SDK retries: S3Store does its own). */
  client(endpoint?: string): S3Client;
  /** An S3Store over `client()` (or the client given). */
  store(bucket: string, opts?: { client?: S3Client; prefix?: string; retry?: RetryOptions }): S3Store;
  stop(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1 with a random free port and the given buckets. */
export async function startLocalS3(buckets: string[]): Promise<LocalS3> {
  const directory = await mkdtemp(path.join(tmpdir(), 'pkh-s3rver-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: S3Client[] = [];
  const client = (at = endpoint) => {
    const c = new S3Client({ endpoint: at, forcePathStyle: true, region: REGION, credentials: DUMMY_CREDENTIALS, maxAttempts: 1 });
    clients.push(c);
    return c;
  };
  return {
    port,
    endpoint,
    client,
    store: (bucket, opts = {}) => new S3Store({ bucket, prefix: opts.prefix, client: opts.client ?? client(), retry: opts.retry }),
    stop: async () => {
      for (const c of clients) c.destroy();
      // Connections of clients made elsewhere (a handler's own) too, even one left mid-response.
      server.httpServer?.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * A key as S3 writes it into an event notification: each path segment URL-encoded, a space as
 * `+` (so a real `+` is `%2B`), parentheses and the other RFC 3986 sub-delims percent-encoded.
 */
export function s3EventKey(key: string): string {
  return key
    .split('/')
    .map((seg) =>
      encodeURIComponent(seg)
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+'),
    )
    .join('/');
}

/** One `ObjectCreated:Put` record for an object that exists: ETag (unquoted) and size from HeadObject. */
export async function createdRecord(client: S3Client, bucket: string, key: string) {
  const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: REGION,
    eventTime: new Date().toISOString(),
    eventName: 'ObjectCreated:Put',
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'pkh-ingest',
      bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
      object: { key: s3EventKey(key), size: head.ContentLength ?? 0, eTag: (head.ETag ?? '').replace(/"/g, ''), sequencer: '0065A1B2C3D4E5F6' },
    },
  };
}

export type CreatedRecord = Awaited<ReturnType<typeof createdRecord>>;

/** An SQS message carrying S3 records, as the ingest queue delivers it. */
export function notification(messageId: string, ...records: CreatedRecord[]): SQSRecord {
  return sqsRecord(messageId, JSON.stringify({ Records: records }));
}

/** The message S3 sends once when the notification is configured. */
export function testEvent(messageId: string, bucket: string): SQSRecord {
  return sqsRecord(messageId, JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: new Date().toISOString(), Bucket: bucket, RequestId: 'R1', HostId: 'H1' }));
}

/** Copies every object under `prefix` of a store into `dir`, at the path of its key. */
export async function download(store: ObjectStore, prefix: string, dir: string): Promise<string[]> {
  const keys = (await store.list(prefix)).map((o) => o.key);
  for (const key of keys) {
    const file = path.join(dir, ...key.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, await store.get(key));
  }
  return keys;
}
