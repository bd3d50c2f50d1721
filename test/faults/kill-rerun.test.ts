/**
 * An ingest killed at any point and run again leaves exactly the lake of one clean run. A child
 * process ingests a 100,000-row activity_log CSV (three kabupaten × 12 months = 36 partitions)
 * into a folder lake and is SIGKILLed — after random delays (before any write, while reading,
 * while writing) and at chosen writes (before the first data object, half-way through the
 * partitions, before the last one, after all data but before the manifest) — then run again to
 * completion. Each lake is compared with a clean run: the same object keys, the same bytes, the
 * same answers from DuckDB (rows per partition, sum of kpm_reached, distinct activity ids).
 *
 * Also proven elsewhere: test/ingest/idempotency.test.ts (one killed-before-manifest run, found
 * by listing the partitions), test/lib/object-store/folder-store.test.ts (a write killed mid-way
 * leaves the old object), test/compact/compact.test.ts (compaction killed before deleting).
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeActivityLogCsv } from '../../functions/generator/index.js';
import { ingestFile } from '../../functions/ingest/index.js';
import { DEFAULT_CONFIG } from '../../functions/lib/config.js';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { getDataset } from '../../schemas/index.js';
import { openDuck, ROOT, tempDir } from '../ingest/helpers.js';
import { seeded } from './fault-proxy.js';
import { lakeAnswers, objectDigests } from './lake-compare.js';

const CHILD = path.join(ROOT, 'test', 'faults', 'kill-child.ts');
const KEY = 'incoming/activity_log/aktivitas nasional (100rb).csv';
const NOW = Date.parse('2026-11-20T03:00:00Z');
const ROWS = 100_000;
/** Kill scenarios run this many at a time (each child is mostly one thread). */
const PARALLEL = 2;

interface Kill {
  name: string;
  /** SIGKILL this long after spawning. */
  afterMs?: number;
  /** Stop before this write (`put:<n>` or `manifest`) and SIGKILL there. */
  pauseAt?: string;
  /** SIGKILL as soon as a line matches (the child keeps writing meanwhile). */
  onLine?: RegExp;
  workers?: number;
  /** A second kill on the same lake before the run to the end (kills in a row). */
  then?: Kill;
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: string[];
  ms: number;
}

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;
let csv: string;
let clean: { run: ChildRun; digests: Record<string, string>; answers: Record<string, unknown>[] };

function runChild(lake: string, kill: Kill = { name: 'complete' }): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, csv, lake, KEY, String(NOW)], {
      cwd: ROOT,
      env: { ...process.env, PKH_TEST_PAUSE_AT: kill.pauseAt ?? '', PKH_TEST_WORKERS: String(kill.workers ?? 0) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let rest = '';
    let stderr = '';
    const timer = kill.afterMs !== undefined ? setTimeout(() => child.kill('SIGKILL'), kill.afterMs) : undefined;
    child.stdout.on('data', (d: Buffer) => {
      const parts = (rest + d.toString()).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line === 'paused' || kill.onLine?.test(line)) child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== null && code !== 0) reject(new Error(`ingest child failed (${code}): ${stderr}`));
      else resolve({ code, signal, lines, ms: Date.now() - started });
    });
  });
}

/**
 * The run after the crash, to the end: the same ingest as the child's, in this process (saves a
 * process start-up per kill point).
 */
async function rerun(lake: string): Promise<void> {
  const { size } = await stat(csv);
  await ingestFile({
    dataset: getDataset('activity_log'),
    source: { key: KEY, size, open: () => createReadStream(csv, { highWaterMark: 1024 * 1024 }) },
    store: new FolderStore(lake),
    now: NOW,
    limits: DEFAULT_CONFIG.limits,
  });
}

async function manifestCount(lake: string): Promise<number> {
  return (await new FolderStore(lake).list('manifests/')).length;
}

/** Files the folder store hides: leftovers of writes killed before their rename. */
async function strayTmpFiles(lake: string): Promise<number> {
  const all = await readdir(lake, { recursive: true }).catch(() => [] as string[]);
  return all.filter((f) => /\.tmp-\d+-[0-9a-f]{12}$/.test(f)).length;
}

async function expectCleanLake(lake: string): Promise<void> {
  expect(await objectDigests(new FolderStore(lake))).toEqual(clean.digests);
  expect(await lakeAnswers(duck.con, lake, 'activity_log')).toEqual(clean.answers);
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: size }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  }));
}

beforeAll(async () => {
  tmp = await tempDir('pkh-faults-kill-');
  duck = await openDuck();
  csv = tmp.path('aktivitas.csv');
  await writeActivityLogCsv(csv, ROWS, 3, { months: 12, endPeriod: '2026-10', invalidRate: 0.01, now: NOW });
  const run = await runChild(tmp.path('clean'));
  const lake = tmp.path('clean');
  clean = { run, digests: await objectDigests(new FolderStore(lake)), answers: await lakeAnswers(duck.con, lake, 'activity_log') };
}, 120_000);

afterAll(async () => {
  duck?.close();
  await tmp?.cleanup();
});

describe('ingest killed and run again', () => {
  it('the clean run writes one object per partition (two kabupaten, 12 months each), a quarantine and the manifest last', () => {
    const puts = clean.run.lines.filter((l) => l.startsWith('put '));
    expect(clean.run.lines.at(-1)).toBe(`done ${ROWS} ${ROWS - 1000} 1000 ${puts.length}`);
    expect(puts.at(-1)).toMatch(/^put \d+ manifests\/activity_log\/[0-9a-f]{16}\.json$/);
    expect(clean.answers.length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(clean.digests).filter((k) => k.endsWith('.parquet'))).toHaveLength(clean.answers.length);
    expect(Object.keys(clean.digests).filter((k) => k.startsWith('quarantine/')).map((k) => k.slice(k.lastIndexOf('.')))).toEqual(['.jsonl', '.xlsx']);
  });

  it('leaves exactly the clean lake after a SIGKILL at each of 9 points (once twice in a row) and a re-run', async () => {
    // Prepare: the kill points. Random delays spread over the clean run's duration (its first
    // part is start-up and reading, so the early ones come before any write), then chosen writes.
    const dataPuts = clean.run.lines.filter((l) => /^put \d+ lake\//.test(l)).length;
    const random = seeded(2026);
    const kills: Kill[] = [0.2, 0.5, 0.8].map((share) => {
      const afterMs = Math.round(clean.run.ms * (share - 0.1 + 0.2 * random()));
      return { name: `after ${afterMs} ms`, afterMs };
    });
    kills.push(
      { name: 'before the first data object', pauseAt: 'put:1' },
      { name: 'half-way through the partitions, then again before the manifest', pauseAt: `put:${Math.floor(dataPuts / 2)}`, then: { name: 'again', pauseAt: 'manifest', workers: 2 } },
      { name: 'before the last data object', pauseAt: `put:${dataPuts}` },
      { name: 'after all data, before the manifest', pauseAt: 'manifest' },
      { name: 'while writing partitions, unpaused', onLine: /^put 5 / },
      { name: 'with worker threads, while reading', afterMs: Math.round(clean.run.ms * (0.55 + 0.2 * random())), workers: 2 },
    );
    const outcomes: { name: string; signal: string | null; objectsWhenKilled: number; manifests: number; tmp: number }[] = [];

    // Act + Assess, per kill point on its own lake.
    await inBatches(kills, PARALLEL, async (kill) => {
      const lake = tmp.path(`kill-${kills.indexOf(kill)}`);
      const killed = await runChild(lake, kill);
      const objectsWhenKilled = (await new FolderStore(lake).list('lake/')).length;
      outcomes.push({ name: kill.name, signal: killed.signal, objectsWhenKilled, manifests: await manifestCount(lake), tmp: 0 });
      if (kill.pauseAt) {
        // Killed exactly there: the objects before it, no manifest.
        expect(killed.signal).toBe('SIGKILL');
        expect(objectsWhenKilled).toBe(kill.pauseAt === 'manifest' ? dataPuts : Number(kill.pauseAt.slice(4)) - 1);
        expect(await manifestCount(lake)).toBe(0);
      }
      if (kill.then) expect((await runChild(lake, kill.then)).signal).toBe('SIGKILL');
      await rerun(lake);
      await expectCleanLake(lake);
      outcomes[outcomes.length - 1].tmp = await strayTmpFiles(lake);
    });

    // The kills really landed before, during and after the writes.
    expect(kills).toHaveLength(9);
    expect(outcomes.filter((o) => o.signal === 'SIGKILL').length).toBeGreaterThanOrEqual(8);
    expect(outcomes.some((o) => o.signal === 'SIGKILL' && o.objectsWhenKilled === 0)).toBe(true);
    expect(outcomes.some((o) => o.objectsWhenKilled > 0 && o.objectsWhenKilled < dataPuts)).toBe(true);
    console.log(outcomes.map((o) => `${o.name}: ${o.signal ?? 'finished'}, ${o.objectsWhenKilled} objects, ${o.manifests} manifests, ${o.tmp} tmp left`).join('\n'));
  }, 240_000);
});
