import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { sdkStreamMixin } from '@smithy/core/serde';
import { mockClient } from 'aws-sdk-client-mock';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../functions/lib/errors.js';
import { DEFAULT_PART_SIZE, NotFoundError, S3Store } from '../../../functions/lib/object-store/index.js';

const client = new S3Client({ region: 'ap-southeast-3', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const s3 = mockClient(client);

/** A store on the mocked client; retries without waiting. */
function makeStore(prefix?: string, attempts = 5): S3Store {
  return new S3Store({ bucket: 'pkh-data', prefix, client, retry: { attempts, baseDelayMs: 0 } });
}

function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: `${name} (${status})` });
}

function streamBody(content: string | Uint8Array) {
  return sdkStreamMixin(Readable.from([Buffer.from(content)]));
}

beforeEach(() => {
  s3.reset();
});

describe('S3Store: put, get, head', () => {
  it('puts under the prefix with the content type, passing the key unencoded', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});
    const store = makeStore('env/prod');
    const key = 'lake/roster/kabupaten_code=33.10/file name+1%20.parquet';

    // Act
    await store.put(key, 'x', { contentType: 'application/vnd.apache.parquet' });

    // Assess
    const [call] = s3.commandCalls(PutObjectCommand);
    expect(call.args[0].input).toEqual({
      Bucket: 'pkh-data',
      Key: 'env/prod/lake/roster/kabupaten_code=33.10/file name+1%20.parquet',
      Body: 'x',
      ContentType: 'application/vnd.apache.parquet',
    });
    expect(store.description).toBe('s3://pkh-data/env/prod');
  });

  it('gets the bytes of an object', async () => {
    // Prepare
    s3.on(GetObjectCommand, { Bucket: 'pkh-data', Key: 'manifests/a.json' }).resolves({ Body: streamBody('{"ok":true}') });

    // Act
    const bytes = await makeStore().get('manifests/a.json');

    // Assess
    expect(Buffer.from(bytes).toString()).toBe('{"ok":true}');
  });

  it('get of a missing key throws NotFoundError, without retrying', async () => {
    // Prepare
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: { httpStatusCode: 404 } }));

    // Act
    const err = await makeStore().get('manifests/none.json').catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toContain('manifests/none.json');
    expect((err as Error).message).toContain('s3://pkh-data');
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(1);
  });

  it('getStream returns the body as a readable stream', async () => {
    // Prepare
    s3.on(GetObjectCommand).resolves({ Body: streamBody('baris 1\nbaris 2\n') });

    // Act
    const stream = await makeStore().getStream('incoming/a.csv');

    // Assess
    expect(await text(stream)).toBe('baris 1\nbaris 2\n');
  });

  it('getStream of a missing key throws NotFoundError', async () => {
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'nope', $metadata: { httpStatusCode: 404 } }));
    await expect(makeStore().getStream('incoming/none.csv')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('head gives size and time, and undefined on a 404 NotFound', async () => {
    // Prepare
    const when = new Date('2026-03-01T00:00:00Z');
    s3.on(HeadObjectCommand, { Key: 'p/a.json' }).resolves({ ContentLength: 42, LastModified: when });
    s3.on(HeadObjectCommand, { Key: 'p/none.json' }).rejects(s3Error('NotFound', 404));
    const store = makeStore('p');

    // Act / Assess
    expect(await store.head('a.json')).toEqual({ key: 'a.json', size: 42, lastModified: when });
    expect(await store.head('none.json')).toBeUndefined();
    expect(s3.commandCalls(HeadObjectCommand)).toHaveLength(2);
  });

  it('rejects keys with ".." or a leading "/" before calling S3', async () => {
    await expect(makeStore().put('../x', 'x')).rejects.toBeInstanceOf(UserError);
    await expect(makeStore().get('/abs')).rejects.toBeInstanceOf(UserError);
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('S3Store: retries', () => {
  it('retries 503 SlowDown and 500 InternalError, then succeeds', async () => {
    // Prepare
    s3.on(PutObjectCommand).rejectsOnce(s3Error('SlowDown', 503)).rejectsOnce(s3Error('InternalError', 500)).resolves({});

    // Act
    await makeStore().put('a/b.json', '{}');

    // Assess
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(3);
  });

  it('retries a connection reset while reading a GetObject body', async () => {
    // Prepare
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    s3.on(GetObjectCommand).rejectsOnce(reset).resolves({ Body: streamBody('ok') });

    // Act
    const bytes = await makeStore().get('a/b.json');

    // Assess
    expect(Buffer.from(bytes).toString()).toBe('ok');
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(2);
  });

  it('gives up after the configured attempts with one line naming the request and key', async () => {
    // Prepare
    s3.on(PutObjectCommand).rejects(s3Error('SlowDown', 503));

    // Act
    const err = await makeStore(undefined, 3).put('a/b.json', '{}').catch((e: unknown) => e);

    // Assess
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(3);
    expect((err as Error).message).toBe('S3 PutObject s3://pkh-data/a/b.json failed: SlowDown: SlowDown (503)');
    expect((err as Error).cause).toBeInstanceOf(S3ServiceException);
  });

  it.each([
    ['403 AccessDenied', 'AccessDenied', 403],
    ['400 InvalidRequest', 'InvalidRequest', 400],
    ['404 NoSuchBucket', 'NoSuchBucket', 404],
  ])('never retries %s', async (_label, name, status) => {
    // Prepare
    s3.on(PutObjectCommand).rejects(s3Error(name, status));

    // Act
    const err = await makeStore().put('a/b.json', '{}').catch((e: unknown) => e);

    // Assess
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(1);
    expect((err as Error).message).toContain(`failed: ${name}`);
    expect(err).not.toBeInstanceOf(NotFoundError);
  });

  it('a missing bucket on get is an error, not NotFoundError', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchBucket', 404));
    const err = await makeStore().get('a').catch((e: unknown) => e);
    expect(err).not.toBeInstanceOf(NotFoundError);
    expect((err as Error).message).toContain('NoSuchBucket');
  });
});

describe('S3Store: list', () => {
  it('follows continuation tokens, strips the prefix and sorts by key', async () => {
    // Prepare
    const when = new Date('2026-01-01T00:00:00Z');
    s3.on(ListObjectsV2Command, { Prefix: 'env/lake/roster/', ContinuationToken: undefined }).resolves({
      Contents: [
        { Key: 'env/lake/roster/k=2/b.parquet', Size: 2, LastModified: when },
        { Key: 'env/lake/roster/k=1/a.parquet', Size: 1, LastModified: when },
      ],
      IsTruncated: true,
      NextContinuationToken: 't1',
    });
    s3.on(ListObjectsV2Command, { ContinuationToken: 't1' }).resolves({
      Contents: [{ Key: 'env/lake/roster/k=1/0.parquet', Size: 3, LastModified: when }],
      IsTruncated: true,
      NextContinuationToken: 't2',
    });
    s3.on(ListObjectsV2Command, { ContinuationToken: 't2' }).resolves({ Contents: [], IsTruncated: false });

    // Act
    const listed = await makeStore('env/').list('lake/roster/');

    // Assess
    expect(listed).toEqual([
      { key: 'lake/roster/k=1/0.parquet', size: 3, lastModified: when },
      { key: 'lake/roster/k=1/a.parquet', size: 1, lastModified: when },
      { key: 'lake/roster/k=2/b.parquet', size: 2, lastModified: when },
    ]);
    expect(s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input.ContinuationToken)).toEqual([undefined, 't1', 't2']);
  });

  it('retries a throttled page and continues from the same token', async () => {
    // Prepare
    s3.on(ListObjectsV2Command, { ContinuationToken: undefined }).resolves({ Contents: [{ Key: 'a/1', Size: 1 }], IsTruncated: true, NextContinuationToken: 't1' });
    s3.on(ListObjectsV2Command, { ContinuationToken: 't1' })
      .rejectsOnce(s3Error('SlowDown', 503))
      .resolves({ Contents: [{ Key: 'a/2', Size: 1 }], IsTruncated: false });

    // Act
    const listed = await makeStore().list('a/');

    // Assess
    expect(listed.map((o) => o.key)).toEqual(['a/1', 'a/2']);
    expect(s3.commandCalls(ListObjectsV2Command).map((c) => c.args[0].input.ContinuationToken)).toEqual([undefined, 't1', 't1']);
  });
});

describe('S3Store: delete', () => {
  it('deletes in requests of at most 1,000 keys', async () => {
    // Prepare
    s3.on(DeleteObjectsCommand).resolves({});
    const keys = Array.from({ length: 2_345 }, (_, i) => `lake/x/${i}.parquet`);

    // Act
    await makeStore('p/').delete(keys);

    // Assess
    const calls = s3.commandCalls(DeleteObjectsCommand).map((c) => c.args[0].input.Delete?.Objects ?? []);
    expect(calls.map((objects) => objects.length)).toEqual([1_000, 1_000, 345]);
    expect(calls.flat().map((o) => o.Key)).toEqual(keys.map((k) => `p/${k}`));
    expect(s3.commandCalls(DeleteObjectsCommand)[0].args[0].input.Delete?.Quiet).toBe(true);
  });

  it('retries only the keys S3 reports as failed with a retryable code', async () => {
    // Prepare
    s3.on(DeleteObjectsCommand)
      .resolvesOnce({ Errors: [{ Key: 'b', Code: 'InternalError', Message: 'try again' }] })
      .resolves({});

    // Act
    await makeStore().delete(['a', 'b', 'c']);

    // Assess
    const calls = s3.commandCalls(DeleteObjectsCommand).map((c) => c.args[0].input.Delete?.Objects?.map((o) => o.Key));
    expect(calls).toEqual([['a', 'b', 'c'], ['b']]);
  });

  it('fails on a key S3 refuses to delete (AccessDenied) without retrying', async () => {
    // Prepare
    s3.on(DeleteObjectsCommand).resolves({ Errors: [{ Key: 'a', Code: 'AccessDenied', Message: 'Access Denied' }] });

    // Act
    const err = await makeStore().delete(['a']).catch((e: unknown) => e);

    // Assess
    expect((err as Error).message).toContain('AccessDenied');
    expect(s3.commandCalls(DeleteObjectsCommand)).toHaveLength(1);
  });

  it('sends nothing for an empty key list', async () => {
    await makeStore().delete([]);
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('S3Store: putStream', () => {
  /** A stream of `total` bytes in odd-sized chunks, byte i = i % 251. */
  function bytesStream(total: number): Readable {
    let sent = 0;
    return new Readable({
      read() {
        if (sent >= total) return this.push(null);
        const n = Math.min(1_000_003, total - sent);
        const chunk = Buffer.alloc(n);
        for (let i = 0; i < n; i++) chunk[i] = (sent + i) % 251;
        sent += n;
        this.push(chunk);
      },
    });
  }

  it('uploads 8 MiB parts and completes with their ETags in order', async () => {
    // Prepare
    const total = 2 * DEFAULT_PART_SIZE + 12_345;
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'up-1' });
    let etag = 0;
    s3.on(UploadPartCommand).callsFake(() => ({ ETag: `"e${++etag}"` }));
    s3.on(CompleteMultipartUploadCommand).resolves({});

    // Act
    await makeStore('p/').putStream('quarantine/big.jsonl', bytesStream(total), { contentType: 'application/x-ndjson' });

    // Assess
    expect(s3.commandCalls(CreateMultipartUploadCommand)[0].args[0].input).toEqual({
      Bucket: 'pkh-data',
      Key: 'p/quarantine/big.jsonl',
      ContentType: 'application/x-ndjson',
    });
    const parts = s3.commandCalls(UploadPartCommand).map((c) => c.args[0].input);
    expect(parts.map((p) => [p.PartNumber, (p.Body as Uint8Array).length, p.UploadId])).toEqual([
      [1, DEFAULT_PART_SIZE, 'up-1'],
      [2, DEFAULT_PART_SIZE, 'up-1'],
      [3, 12_345, 'up-1'],
    ]);
    const joined = Buffer.concat(parts.map((p) => p.Body as Uint8Array));
    expect(joined.length).toBe(total);
    expect([joined[0], joined[DEFAULT_PART_SIZE], joined[total - 1]]).toEqual([0, DEFAULT_PART_SIZE % 251, (total - 1) % 251]);
    expect(s3.commandCalls(CompleteMultipartUploadCommand)[0].args[0].input.MultipartUpload?.Parts).toEqual([
      { PartNumber: 1, ETag: '"e1"' },
      { PartNumber: 2, ETag: '"e2"' },
      { PartNumber: 3, ETag: '"e3"' },
    ]);
    expect(s3.commandCalls(AbortMultipartUploadCommand)).toHaveLength(0);
  });

  it('retries a part that got 503 SlowDown', async () => {
    // Prepare
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'up-2' });
    s3.on(UploadPartCommand).rejectsOnce(s3Error('SlowDown', 503)).resolves({ ETag: '"e"' });
    s3.on(CompleteMultipartUploadCommand).resolves({});

    // Act
    await makeStore().putStream('a.bin', bytesStream(DEFAULT_PART_SIZE + 1));

    // Assess
    expect(s3.commandCalls(UploadPartCommand).map((c) => c.args[0].input.PartNumber)).toEqual([1, 1, 2]);
    expect(s3.commandCalls(CompleteMultipartUploadCommand)).toHaveLength(1);
  });

  it('aborts the upload when a part fails for good', async () => {
    // Prepare
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'up-3' });
    s3.on(UploadPartCommand, { PartNumber: 1 }).resolves({ ETag: '"e1"' });
    s3.on(UploadPartCommand, { PartNumber: 2 }).rejects(s3Error('AccessDenied', 403));
    s3.on(AbortMultipartUploadCommand).resolves({});

    // Act
    const err = await makeStore().putStream('a.bin', bytesStream(2 * DEFAULT_PART_SIZE + 1)).catch((e: unknown) => e);

    // Assess
    expect((err as Error).message).toContain('UploadPart 2');
    expect((err as Error).message).toContain('AccessDenied');
    expect(s3.commandCalls(AbortMultipartUploadCommand)[0].args[0].input).toEqual({ Bucket: 'pkh-data', Key: 'a.bin', UploadId: 'up-3' });
    expect(s3.commandCalls(CompleteMultipartUploadCommand)).toHaveLength(0);
  });

  it('aborts the upload when the source stream fails after the first parts', async () => {
    // Prepare
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'up-4' });
    s3.on(UploadPartCommand).resolves({ ETag: '"e"' });
    s3.on(AbortMultipartUploadCommand).resolves({});
    let sent = 0;
    const failing = new Readable({
      read() {
        if (sent >= 2 * DEFAULT_PART_SIZE + 1) return this.destroy(new Error('read error'));
        sent += 1 << 20;
        this.push(Buffer.alloc(1 << 20));
      },
    });

    // Act
    const err = await makeStore().putStream('a.bin', failing).catch((e: unknown) => e);

    // Assess
    expect((err as Error).message).toBe('read error');
    expect(s3.commandCalls(AbortMultipartUploadCommand)).toHaveLength(1);
    expect(s3.commandCalls(CompleteMultipartUploadCommand)).toHaveLength(0);
  });

  it('sends a body smaller than one part with a single PutObject', async () => {
    // Prepare
    s3.on(PutObjectCommand).resolves({});

    // Act
    await makeStore().putStream('small.jsonl', Readable.from(['a\n', 'b\n']));

    // Assess
    expect(Buffer.from(s3.commandCalls(PutObjectCommand)[0].args[0].input.Body as Uint8Array).toString()).toBe('a\nb\n');
    expect(s3.commandCalls(CreateMultipartUploadCommand)).toHaveLength(0);
  });
});
