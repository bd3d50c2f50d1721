/**
 * Child process of the kill tests: ingests one activity_log CSV into a folder lake the way
 * `pkh ingest` does (two worker threads), at a fixed moment of ingest, announcing every write on
 * stdout (`journal <n> <key>`, `data <n> <key>` for a staged data object, `other <n> <key>` for
 * any other put (the staged correction workbook), `move <n> <key>` when one is published, `manifest <key>`, `stream <key>`, `delete <n>`) so the parent can SIGKILL it
 * at a chosen point. With PKH_TEST_PAUSE_AT (`data:<n>`, `other:<n>`, `move:<n>`, `journal:<n>` = before the
 * n-th of that kind, `manifest` = before the manifest put) it prints `paused` there and waits to
 * be killed.
 *
 * Usage: node --import tsx test/faults/kill-child.ts <csv> <lake-dir> <source-key> <now-ms>
 */
import { createReadStream, writeSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ingestFile } from '../../functions/ingest/index.js';
import { DEFAULT_CONFIG } from '../../functions/lib/config.js';
import { FolderStore, type ObjectStore } from '../../functions/lib/object-store/index.js';
import { getDataset } from '../../schemas/index.js';

const [csv, lakeDir, key, nowMs] = process.argv.slice(2);
const pauseAt = process.env.PKH_TEST_PAUSE_AT ?? '';
const say = (line: string) => writeSync(1, `${line}\n`);

const folder = new FolderStore(lakeDir);
const counts: Record<string, number> = {};
let puts = 0;

async function checkpoint(what: string): Promise<void> {
  if (what !== pauseAt) return;
  say('paused');
  await new Promise((resolve) => setTimeout(resolve, 120_000));
}

const traced: ObjectStore = {
  description: folder.description,
  get: (k) => folder.get(k),
  getStream: (k) => folder.getStream(k),
  head: (k) => folder.head(k),
  list: (p) => folder.list(p),
  localPath: (k) => folder.localPath(k),
  async put(k, body, opts) {
    puts++;
    // A staged object outside lake/ is the correction workbook (the quarantine is streamed).
    const kind = k.startsWith('manifests/') ? 'manifest' : k.startsWith('journal/') ? 'journal' : /^staging\/[^/]+\/[^/]+\/lake\//.test(k) ? 'data' : 'other';
    counts[kind] = (counts[kind] ?? 0) + 1;
    await checkpoint(kind === 'manifest' ? 'manifest' : `${kind}:${counts[kind]}`);
    say(kind === 'manifest' ? `manifest ${k}` : `${kind} ${counts[kind]} ${k}`);
    await folder.put(k, body, opts);
  },
  async move(from, to) {
    counts.move = (counts.move ?? 0) + 1;
    await checkpoint(`move:${counts.move}`);
    say(`move ${counts.move} ${to}`);
    await folder.move(from, to);
  },
  async putStream(k, body, opts) {
    say(`stream ${k}`);
    await folder.putStream(k, body, opts);
  },
  async delete(keys) {
    say(`delete ${keys.length}`);
    await folder.delete(keys);
  },
};

const info = await stat(csv);
say('start');
const result = await ingestFile({
  dataset: getDataset('activity_log'),
  source: { key, size: info.size, open: () => createReadStream(csv, { highWaterMark: 1024 * 1024 }) },
  store: traced,
  now: Number(nowMs),
  limits: DEFAULT_CONFIG.limits,
  tuning: { workers: Number(process.env.PKH_TEST_WORKERS ?? 2) },
});
say(`done ${result.rows_read} ${result.rows_accepted} ${result.rows_rejected} ${puts}`);
