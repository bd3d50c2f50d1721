/**
 * Before a command reads or writes the local lake: a lake still in the layout before issue 11
 * (roster, monthly reports and profiles in `kabupaten_code=` folders) is moved to the current one
 * first (functions/compact/migrate-layout.ts), saying so in one line on stderr, so it is never
 * read half. The check is a few directory reads; the migration code loads only when needed.
 */
import { readdir, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { datasetPrefix, LAKE_PREFIX, REPARTITIONED } from '../functions/lib/lake-layout.js';

async function legacyFolders(dataDir: string): Promise<string[]> {
  const out: string[] = [];
  for (const dataset of REPARTITIONED) {
    const dir = path.join(dataDir, ...datasetPrefix(dataset).split('/').filter(Boolean));
    const names = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of names) if (e.isDirectory() && e.name.startsWith('kabupaten_code=')) out.push(path.join(dir, e.name));
  }
  return out;
}

/** Removes a folder tree that holds no file (what the migration leaves of the old folders). */
async function removeEmpty(dir: string): Promise<void> {
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    if (e.isDirectory()) await removeEmpty(path.join(dir, e.name));
  }
  await rmdir(dir).catch(() => undefined); // not empty: a file that was not ours to move stays
}

/** Migrates the lake under `dataDir` to the current layout when it is in the old one. */
export async function ensureCurrentLayout(dataDir: string): Promise<void> {
  const folders = await legacyFolders(dataDir);
  if (folders.length === 0) return;
  const [{ migrateLayout }, { FolderStore }] = await Promise.all([
    import('../functions/compact/migrate-layout.js'),
    import('../functions/lib/object-store/folder-store.js'),
  ]);
  const done = await migrateLayout(new FolderStore(dataDir));
  for (const f of folders) await removeEmpty(f);
  if (done.length === 0) return;
  const objects = done.reduce((n, m) => n + m.inputs.length, 0);
  console.error(
    `pkh: lake di ${path.join(dataDir, LAKE_PREFIX)} dipindah ke tata letak baru (${objects} berkas lama → ${done.length}) / ` +
      `lake moved to the new layout (${objects} old files → ${done.length})`,
  );
}
