import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UserError } from '../../../functions/lib/errors.js';
import { FolderStore, NotFoundError } from '../../../functions/lib/object-store/index.js';

let root: string;
let store: FolderStore;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'pkh-folder-'));
  store = new FolderStore(root);
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Every file under root, relative, sorted (tmp files included). */
function filesOnDisk(): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .sort();
}

const dec = (b: Uint8Array) => Buffer.from(b).toString('utf8');

describe('FolderStore', () => {
  it('stores and returns bytes and text under nested keys, creating folders', async () => {
    // Prepare
    const key = 'lake/activity_log/kabupaten_code=33.10/period=2026-02/abc.parquet';

    // Act
    await store.put(key, new Uint8Array([1, 2, 3]));
    await store.put('manifests/activity_log/abc.json', '{"naïve":"ünïcode"}');

    // Assess
    expect([...(await store.get(key))]).toEqual([1, 2, 3]);
    expect(dec(await store.get('manifests/activity_log/abc.json'))).toBe('{"naïve":"ünïcode"}');
    expect(store.localPath(key)).toBe(path.join(root, 'lake', 'activity_log', 'kabupaten_code=33.10', 'period=2026-02', 'abc.parquet'));
    expect(store.description).toBe(`folder ${root}`);
  });

  it('overwrites an existing object and leaves no tmp file behind', async () => {
    // Prepare
    await store.put('a/x.json', 'old');

    // Act
    await store.put('a/x.json', 'new');

    // Assess
    expect(dec(await store.get('a/x.json'))).toBe('new');
    expect(filesOnDisk()).toEqual(['a/x.json']);
  });

  it('get of a missing key throws NotFoundError naming the key and the folder', async () => {
    // Act
    const err = await store.get('manifests/none.json').catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(NotFoundError);
    expect((err as NotFoundError).key).toBe('manifests/none.json');
    expect((err as Error).message).toContain(root);
  });

  it('get of a key that is a folder throws NotFoundError', async () => {
    // Prepare
    await store.put('lake/roster/a.parquet', 'x');

    // Act / Assess
    await expect(store.get('lake/roster')).rejects.toBeInstanceOf(NotFoundError);
    await expect(store.getStream('lake/roster')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('getStream streams the bytes and throws NotFoundError up front for a missing key', async () => {
    // Prepare
    await store.put('q/a.jsonl', '{"a":1}\n{"a":2}\n');

    // Act
    const content = await text(await store.getStream('q/a.jsonl'));

    // Assess
    expect(content).toBe('{"a":1}\n{"a":2}\n');
    await expect(store.getStream('q/none.jsonl')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('putStream writes a streamed body atomically', async () => {
    // Prepare
    const body = Readable.from(['baris 1\n', 'baris 2\n']);

    // Act
    await store.putStream('quarantine/roster/x.jsonl', body);

    // Assess
    expect(dec(await store.get('quarantine/roster/x.jsonl'))).toBe('baris 1\nbaris 2\n');
    expect(filesOnDisk()).toEqual(['quarantine/roster/x.jsonl']);
  });

  it('putStream whose body fails keeps the previous object and removes its tmp file', async () => {
    // Prepare
    await store.put('q/x.jsonl', 'lama');
    const failing = new Readable({
      read() {
        this.push('setengah');
        this.destroy(new Error('disk on fire'));
      },
    });

    // Act
    const err = await store.putStream('q/x.jsonl', failing).catch((e: unknown) => e);

    // Assess
    expect((err as Error).message).toBe('disk on fire');
    expect(dec(await store.get('q/x.jsonl'))).toBe('lama');
    expect(filesOnDisk()).toEqual(['q/x.jsonl']);
  });

  it('head gives size and time of a file and undefined for a missing key or a folder', async () => {
    // Prepare
    await store.put('m/a.json', '12345');

    // Act
    const info = await store.head('m/a.json');

    // Assess
    expect(info).toMatchObject({ key: 'm/a.json', size: 5 });
    expect(info?.lastModified).toBeInstanceOf(Date);
    expect(await store.head('m/none.json')).toBeUndefined();
    expect(await store.head('m')).toBeUndefined();
    expect(await store.head('m/a.json/deeper')).toBeUndefined();
  });

  it('lists recursively by plain string prefix, sorted, without tmp files', async () => {
    // Prepare
    for (const key of [
      'lake/roster/kabupaten_code=33.10/b.parquet',
      'lake/roster/kabupaten_code=33.10/a.parquet',
      'lake/roster/kabupaten_code=33.11/c.parquet',
      'lake/roster_old/d.parquet',
      'manifests/roster/a.json',
    ]) {
      await store.put(key, 'x');
    }
    // A write that was killed mid-way.
    writeFileSync(path.join(root, 'lake/roster/kabupaten_code=33.10/e.parquet.tmp-123-0123456789ab'), 'half');

    // Act
    const folder = await store.list('lake/roster/');
    const partial = await store.list('lake/roster');
    const kab = await store.list('lake/roster/kabupaten_code=33.1');
    const all = await store.list('');
    const none = await store.list('nothing/here/');

    // Assess
    expect(folder.map((o) => o.key)).toEqual([
      'lake/roster/kabupaten_code=33.10/a.parquet',
      'lake/roster/kabupaten_code=33.10/b.parquet',
      'lake/roster/kabupaten_code=33.11/c.parquet',
    ]);
    expect(partial.map((o) => o.key)).toEqual([...folder.map((o) => o.key), 'lake/roster_old/d.parquet']);
    expect(kab.map((o) => o.key)).toEqual(folder.map((o) => o.key));
    expect(all).toHaveLength(5);
    expect(all[0]).toMatchObject({ key: 'lake/roster/kabupaten_code=33.10/a.parquet', size: 1 });
    expect(none).toEqual([]);
  });

  it('delete removes the given objects and ignores missing ones', async () => {
    // Prepare
    await store.put('a/1', 'x');
    await store.put('a/2', 'x');
    await store.put('a/3', 'x');

    // Act
    await store.delete(['a/1', 'a/3', 'a/never']);

    // Assess
    expect((await store.list('a/')).map((o) => o.key)).toEqual(['a/2']);
  });

  it.each([
    ['../escape.json', '".."'],
    ['lake/../../etc/passwd', '".."'],
    ['/etc/passwd', 'absolute path'],
    ['C:/Windows/x', 'absolute path'],
    ['lake\\roster\\x', 'contains "\\"'],
    ['lake//x', '"//"'],
    ['lake/x/', 'ends with "/"'],
    ['lake/./x', '"."'],
    ['', 'empty'],
    ['lake/\u0000x', 'control character'],
  ])('rejects the key %j with a UserError (%s) before touching the disk', async (key, reason) => {
    // Act
    const err = await store.put(key, 'x').catch((e: unknown) => e);

    // Assess
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('bad_object_key');
    expect((err as Error).message).toContain(reason);
    expect((err as Error).message).toMatch(/^Kunci objek tidak sah .* \/ Invalid object key /);
    expect(filesOnDisk()).toEqual([]);
  });

  it('rejects bad keys in get, head, delete, localPath and list prefixes too', async () => {
    await expect(store.get('../x')).rejects.toBeInstanceOf(UserError);
    await expect(store.head('/x')).rejects.toBeInstanceOf(UserError);
    await expect(store.delete(['a/../../x'])).rejects.toBeInstanceOf(UserError);
    await expect(store.list('../')).rejects.toBeInstanceOf(UserError);
    expect(() => store.localPath('..')).toThrow(UserError);
  });

});
