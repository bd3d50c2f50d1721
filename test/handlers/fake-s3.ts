/**
 * An in-memory S3 behind aws-sdk-client-mock: GetObject bodies are SDK streams
 * (`sdkStreamMixin(Readable.from(...))`), PutObject is captured, ListObjectsV2 / DeleteObjects /
 * HeadObject / CopyObject answer from the same map, chosen keys answer 503 SlowDown on every
 * attempt, and any other command fails loudly (an unmocked command would "succeed" doing nothing).
 */
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
// The SDK's own stream mixin (@smithy/util-stream now lives in @smithy/core).
import { sdkStreamMixin } from '@smithy/core/serde';
import { mockClient } from 'aws-sdk-client-mock';

export interface StoredObject {
  body: Buffer;
  contentType?: string;
}

export interface FakeS3 {
  /** `bucket/key` → object. */
  objects: Map<string, StoredObject>;
  /** `bucket/key` of every PutObject, in order. */
  puts: string[];
  /** `bucket/key` of every CopyObject's destination, in order. */
  copies: string[];
  /** `bucket/key` of every GetObject, in order. */
  gets: string[];
  /** `bucket/key` that answer 503 SlowDown. */
  throttled: Set<string>;
  add(bucket: string, key: string, body: string | Buffer): void;
  keys(bucket: string): string[];
  text(bucket: string, key: string): string;
  restore(): void;
}

function awsError(name: string, status: number): Error {
  return Object.assign(new Error(name), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status } });
}

export function fakeS3(): FakeS3 {
  const mock = mockClient(S3Client);
  const objects = new Map<string, StoredObject>();
  const fake: FakeS3 = {
    objects,
    puts: [],
    copies: [],
    gets: [],
    throttled: new Set(),
    add: (bucket, key, body) => void objects.set(`${bucket}/${key}`, { body: Buffer.from(body) }),
    keys: (bucket) => [...objects.keys()].filter((k) => k.startsWith(`${bucket}/`)).map((k) => k.slice(bucket.length + 1)).sort(),
    text: (bucket, key) => {
      const o = objects.get(`${bucket}/${key}`);
      if (!o) throw new Error(`no object ${bucket}/${key}`);
      return o.body.toString('utf8');
    },
    restore: () => mock.restore(),
  };

  mock.onAnyCommand().rejects(new Error('fake S3: command not implemented'));
  mock.on(GetObjectCommand).callsFake(async (input) => {
    const id = `${input.Bucket}/${input.Key}`;
    fake.gets.push(id);
    if (fake.throttled.has(id)) throw awsError('SlowDown', 503);
    const o = objects.get(id);
    if (!o) throw awsError('NoSuchKey', 404);
    return { Body: sdkStreamMixin(Readable.from([o.body])), ContentLength: o.body.length };
  });
  mock.on(HeadObjectCommand).callsFake(async (input) => {
    const o = objects.get(`${input.Bucket}/${input.Key}`);
    if (!o) throw awsError('NotFound', 404);
    return { ContentLength: o.body.length };
  });
  mock.on(PutObjectCommand).callsFake(async (input) => {
    const id = `${input.Bucket}/${input.Key}`;
    if (fake.throttled.has(id)) throw awsError('SlowDown', 503);
    const body = input.Body as Uint8Array | string;
    objects.set(id, { body: Buffer.from(body), contentType: input.ContentType });
    fake.puts.push(id);
    return {};
  });
  mock.on(CopyObjectCommand).callsFake(async (input) => {
    // CopySource is `bucket/key`, URL-encoded by the caller.
    const source = decodeURIComponent(String(input.CopySource));
    const o = objects.get(source);
    if (!o) throw awsError('NoSuchKey', 404);
    const id = `${input.Bucket}/${input.Key}`;
    if (fake.throttled.has(id)) throw awsError('SlowDown', 503);
    objects.set(id, { body: Buffer.from(o.body), contentType: o.contentType });
    fake.copies.push(id);
    return { CopyObjectResult: {} };
  });
  mock.on(ListObjectsV2Command).callsFake(async (input) => {
    const prefix = `${input.Bucket}/${input.Prefix ?? ''}`;
    const Contents = [...objects.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, o]) => ({ Key: k.slice(String(input.Bucket).length + 1), Size: o.body.length }))
      .sort((a, b) => (a.Key < b.Key ? -1 : 1));
    return { Contents, KeyCount: Contents.length, IsTruncated: false };
  });
  mock.on(DeleteObjectsCommand).callsFake(async (input) => {
    for (const o of input.Delete?.Objects ?? []) objects.delete(`${input.Bucket}/${o.Key}`);
    return { Errors: [] };
  });
  return fake;
}
