/** The one temporary-folder helper of the tests. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TempDir {
  dir: string;
  /** A path inside the folder. */
  path: (name: string) => string;
  /** Writes a file inside the folder and returns its path. */
  file: (name: string, content: string | Uint8Array) => Promise<string>;
  cleanup: () => Promise<void>;
}

/** A fresh folder under the system temp folder; `cleanup()` removes it. */
export async function tempDir(prefix = 'pkh-test-'): Promise<TempDir> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return {
    dir,
    path: (name) => path.join(dir, name),
    file: async (name, content) => {
      const p = path.join(dir, name);
      await writeFile(p, content);
      return p;
    },
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
