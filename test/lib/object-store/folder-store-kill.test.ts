/**
 * FolderStore under a crash: a child process killed in the middle of a streamed put (its own file,
 * as it spawns a process; the other FolderStore tests are in test/lib/object-store/folder-store.test.ts).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FolderStore } from '../../../functions/lib/object-store/index.js';

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
  it('a process killed while writing leaves the old object readable and nothing half-written in list', async () => {
    // Prepare: a child process that starts a 64 MiB streamed put and is killed mid-way.
    await store.put('big/object.bin', 'old content');
    mkdirSync(path.join(root, 'big'), { recursive: true });
    const script = `
      import { FolderStore } from ${JSON.stringify(path.resolve('functions/lib/object-store/index.ts'))};
      import { Readable } from 'node:stream';
      const store = new FolderStore(${JSON.stringify(root)});
      let sent = 0;
      const body = new Readable({ read() { if (sent++ === 4) console.log('writing'); this.push(Buffer.alloc(1 << 20, 7)); } });
      await store.putStream('big/object.bin', body);
    `;
    const child = execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd() });
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (d: Buffer) => {
        if (d.toString().includes('writing')) resolve();
      });
      child.on('exit', () => reject(new Error('child ended before writing')));
    });

    // Act
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));

    // Assess
    expect(dec(await store.get('big/object.bin'))).toBe('old content');
    expect((await store.list('big/')).map((o) => o.key)).toEqual(['big/object.bin']);
    expect(filesOnDisk().some((f) => /\.tmp-\d+-[0-9a-f]{12}$/.test(f))).toBe(true);
  });
});
