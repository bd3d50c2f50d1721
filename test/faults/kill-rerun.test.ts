/**
 * SYSTEM.md "Faults": an ingest killed at any point and run again, with the same file or with a
 * corrected one, leaves the lake with exactly the rows of one clean run of the last file, and no
 * object of the unfinished ingest is ever read by a report. A child process ingests a
 * 60,000-row activity_log CSV (file A, 1 % bad rows) into a folder lake and is SIGKILLed: after
 * random delays (before any write, while reading, while writing), and at chosen steps of the
 * commit protocol (functions/ingest/commit.ts: before the first staged object, half-way, before
 * the last, before the first and the middle publishing move, before the manifest). Right after
 * the kill, the files a DuckDB report would read (`listScopedFiles`) are none. Then a corrected
 * file B (same path, fewer rows, no bad rows; or A again in two cases) is ingested to the end and
 * the lake is compared with a clean run of that last file: the same object keys, the same bytes,
 * the same answers from DuckDB. Last, `pkh ingest` itself is killed on `./aktivitas.csv` and run
 * again on the absolute path with corrected content, then once more as `./aktivitas.csv`: one
 * source, stored once (this replaces the former test/ingest/kill.test.ts).
 *
 * Also proven elsewhere: test/ingest/idempotency.test.ts, test/lib/object-store/folder-store.test.ts
 * (a write killed mid-way leaves the old object), test/compact/compact.test.ts (compaction killed
 * before deleting).
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeActivityLogCsv } from '../../functions/generator/index.js';
import { MOVE_CONCURRENCY } from '../../functions/ingest/commit.js';
import { ingestFile } from '../../functions/ingest/index.js';
import { DEFAULT_CONFIG } from '../../functions/lib/config.js';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { listScopedFiles } from '../../functions/lib/query-engine/duckdb-scan.js';
import { getDataset } from '../../schemas/index.js';
import { openDuck, PKH, ROOT, tempDir } from '../ingest/helpers.js';
import { seeded } from './fault-proxy.js';
import { lakeAnswers, objectDigests } from './lake-compare.js';

const CHILD = path.join(ROOT, 'test', 'faults', 'kill-child.ts');
const KEY = 'incoming/activity_log/aktivitas nasional (100rb).csv';
const NOW = Date.parse('2026-11-20T03:00:00Z');
const ROWS = 60_000;
/** Kill scenarios run this many at a time (each child is mostly one thread). */
const PARALLEL = 2;

interface Kill {
  name: string;
  /** SIGKILL this long after spawning. */
  afterMs?: number;
  /** Stop before this step (`data:<n>`, `move:<n>`, `journal:<n>` or `manifest`) and SIGKILL there. */
  pauseAt?: string;
  /** SIGKILL as soon as a line matches (the child keeps writing meanwhile). */
  onLine?: RegExp;
  workers?: number;
  /** A second kill on the same lake before the run to the end (kills in a row). */
  then?: Kill;
  /** Run to the end with file A again instead of the corrected file B. */
  sameFile?: boolean;
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
let corrected: string;
let probe: ChildRun;
type Lake = { digests: Record<string, string>; answers: Record<string, unknown>[] };
let clean: { a: Lake; b: Lake };

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
async function rerun(lake: string, file: string): Promise<void> {
  const { size } = await stat(file);
  await ingestFile({
    dataset: getDataset('activity_log'),
    source: { key: KEY, size, open: () => createReadStream(file, { highWaterMark: 1024 * 1024 }) },
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

async function lakeOf(lake: string): Promise<Lake> {
  return { digests: await objectDigests(new FolderStore(lake)), answers: await lakeAnswers(duck.con, lake, 'activity_log') };
}

async function expectCleanLake(lake: string, want: Lake): Promise<void> {
  expect(await objectDigests(new FolderStore(lake))).toEqual(want.digests);
  expect(await lakeAnswers(duck.con, lake, 'activity_log')).toEqual(want.answers);
}

/** The files a DuckDB report reads, all partitions. */
async function visibleFiles(lake: string): Promise<string[]> {
  return listScopedFiles(lake, 'activity_log', {});
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
  corrected = tmp.path('aktivitas-diperbaiki.csv');
  await writeActivityLogCsv(csv, ROWS, 3, { months: 12, endPeriod: '2026-10', invalidRate: 0.01, now: NOW });
  // The corrected file: the same source (same key), bad rows fixed, some rows dropped.
  await writeActivityLogCsv(corrected, ROWS - 4_000, 3, { months: 12, endPeriod: '2026-10', invalidRate: 0, now: NOW });
  probe = await runChild(tmp.path('probe'));
  await rerun(tmp.path('clean-a'), csv);
  await rerun(tmp.path('clean-b'), corrected);
  clean = { a: await lakeOf(tmp.path('clean-a')), b: await lakeOf(tmp.path('clean-b')) };
}, 120_000);

afterAll(async () => {
  duck?.close();
  await tmp?.cleanup();
});

describe('ingest killed and run again', () => {
  it('a run stages every object, publishes them, writes the manifest, then closes its journal; the two files give different lakes', async () => {
    const lines = probe.lines;
    const data = lines.filter((l) => l.startsWith('data ')).length;
    expect(lines.at(-1)).toMatch(new RegExp(`^done ${ROWS} ${ROWS * 0.99} ${ROWS * 0.01} \\d+$`));
    expect(lines.filter((l) => l.startsWith('journal ')).map((l) => l.split(' ')[1])).toEqual(['1', '2']);
    expect(lines.filter((l) => l.startsWith('data ')).every((l) => / staging\/activity_log\/[0-9a-f]{16}\.[0-9a-f]+\/lake\//.test(l))).toBe(true);
    // The one other put is the correction workbook, staged beside the quarantine (streamed).
    expect(lines.filter((l) => l.startsWith('other ')).map((l) => l.split(' ')[2])).toEqual([
      expect.stringMatching(/^staging\/activity_log\/([0-9a-f]{16})\.[0-9a-f]+\/quarantine\/activity_log\/\1\.xlsx$/),
    ]);
    // data objects, the quarantine and its correction workbook
    expect(lines.filter((l) => l.startsWith('move ')).length).toBe(data + 2);
    const order = lines.map((l) => l.split(' ')[0]).filter((w) => ['journal', 'data', 'other', 'move', 'manifest'].includes(w));
    expect(order.lastIndexOf('data')).toBeLessThan(order.lastIndexOf('journal'));
    expect(order.lastIndexOf('other')).toBeLessThan(order.lastIndexOf('journal'));
    expect(order.lastIndexOf('journal')).toBeLessThan(order.indexOf('move'));
    expect(order.at(-1)).toBe('manifest');
    const probeLake = await lakeOf(tmp.path('probe'));
    expect(probeLake).toEqual(clean.a);
    expect(Object.keys(clean.a.digests).filter((k) => !/^(lake|quarantine|manifests)\//.test(k))).toEqual([]);
    expect(clean.a.answers.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(clean.a.digests).filter((k) => k.startsWith('quarantine/')).map((k) => k.slice(k.lastIndexOf('.')))).toEqual(['.jsonl', '.xlsx']);
    expect(Object.keys(clean.b.digests).filter((k) => k.startsWith('quarantine/'))).toHaveLength(0);
    expect(clean.b.answers).not.toEqual(clean.a.answers);
  });

  it('leaves exactly the clean lake of the last file after a SIGKILL at each of 11 points (once twice in a row) and a re-run; nothing unfinished is ever visible', async () => {
    // Prepare: the kill points. Random delays spread over the probe run's duration (its first
    // part is start-up and reading, so the early ones come before any write), then chosen steps.
    const dataPuts = probe.lines.filter((l) => l.startsWith('data ')).length;
    const moves = probe.lines.filter((l) => l.startsWith('move ')).length;
    expect(moves).toBeGreaterThan(MOVE_CONCURRENCY + 1);
    const random = seeded(2026);
    const kills: Kill[] = [0.2, 0.5, 0.8].map((share) => {
      const afterMs = Math.round(probe.ms * (share - 0.1 + 0.2 * random()));
      return { name: `after ${afterMs} ms`, afterMs };
    });
    kills.push(
      { name: 'before the first data object', pauseAt: 'data:1' },
      { name: 'half-way through the partitions, then again before the manifest', pauseAt: `data:${Math.floor(dataPuts / 2)}`, then: { name: 'again', pauseAt: 'manifest', workers: 2 } },
      { name: 'before the last data object (then the same file)', pauseAt: `data:${dataPuts}`, sameFile: true },
      { name: 'before the first publishing move', pauseAt: 'move:1' },
      // Moves run MOVE_CONCURRENCY at a time: the next one starts only once one of those is done,
      // so a kill before it leaves some objects published and some not.
      { name: 'half-way through publishing (then the same file)', pauseAt: `move:${MOVE_CONCURRENCY + 1}`, sameFile: true },
      { name: 'after publishing, before the manifest', pauseAt: 'manifest' },
      { name: 'while writing partitions, unpaused', onLine: /^data 5 / },
      { name: 'with worker threads, while reading', afterMs: Math.round(probe.ms * (0.55 + 0.2 * random())), workers: 2 },
    );
    const outcomes: { name: string; signal: string | null; staged: number; published: number; manifests: number; tmp: number }[] = [];

    // Act + Assess, per kill point on its own lake.
    await inBatches(kills, PARALLEL, async (kill) => {
      const lake = tmp.path(`kill-${kills.indexOf(kill)}`);
      const killed = await runChild(lake, kill);
      const store = new FolderStore(lake);
      const staged = (await store.list('staging/')).filter((o) => o.key.endsWith('.parquet')).length;
      const published = (await store.list('lake/')).length;
      outcomes.push({ name: kill.name, signal: killed.signal, staged, published, manifests: await manifestCount(lake), tmp: 0 });
      if (killed.signal === 'SIGKILL') {
        // A report run now reads nothing of the unfinished ingest.
        expect(await visibleFiles(lake), kill.name).toEqual([]);
        expect(await manifestCount(lake)).toBe(0);
      } else {
        // A timed kill that came after the ingest finished (the probe ran slower, sharing the
        // machine): the ingest is complete and committed, the clean lake of its file.
        // Running again with the corrected file would be a second upload, not a recovery.
        expect(kill.afterMs, kill.name).toBeDefined();
        await expectCleanLake(lake, clean.a);
        return;
      }
      if (kill.pauseAt) {
        expect(killed.signal).toBe('SIGKILL');
        const [kind, n] = kill.pauseAt.split(':');
        if (kind === 'data') expect(staged).toBe(Number(n) - 1);
        // Moves run 8 at a time: the others may finish while one waits at the kill point.
        if (kind === 'move') expect(published).toBeLessThan(dataPuts);
        if (kind === 'manifest') expect(published).toBe(dataPuts);
      }
      if (kill.then) {
        expect((await runChild(lake, kill.then)).signal).toBe('SIGKILL');
        expect(await visibleFiles(lake)).toEqual([]);
      }
      await rerun(lake, kill.sameFile ? csv : corrected);
      await expectCleanLake(lake, kill.sameFile ? clean.a : clean.b);
      outcomes[outcomes.length - 1].tmp = await strayTmpFiles(lake);
    });

    // The kills really landed before, during and after the writes and the publishing.
    expect(kills).toHaveLength(11);
    expect(outcomes.filter((o) => o.signal === 'SIGKILL').length).toBeGreaterThanOrEqual(10);
    expect(outcomes.some((o) => o.signal === 'SIGKILL' && o.staged === 0 && o.published === 0)).toBe(true);
    expect(outcomes.some((o) => o.staged > 0 && o.staged < dataPuts)).toBe(true);
    expect(outcomes.some((o) => o.published > 0 && o.published < dataPuts)).toBe(true);
    console.log(outcomes.map((o) => `${o.name}: ${o.signal ?? 'finished'}, ${o.staged} staged, ${o.published} published, ${o.manifests} manifests, ${o.tmp} tmp left`).join('\n'));
  }, 600_000);

  it('pkh ingest killed on ./aktivitas.csv, run again on its absolute path with corrected content, then as ./aktivitas.csv: one source, the lake of the corrected file', async () => {
    // Prepare: the file the person edits, in a folder of its own; the CLI runs there.
    const work = tmp.path('cli');
    const lake = tmp.path('cli-lake');
    const cleanLake = tmp.path('cli-clean');
    await mkdir(work, { recursive: true });
    const small = { months: 12, endPeriod: '2026-10', now: NOW };
    await writeActivityLogCsv(path.join(work, 'aktivitas.csv'), 20_000, 5, { ...small, invalidRate: 0.01 });
    await writeActivityLogCsv(path.join(work, 'diperbaiki.csv'), 18_000, 5, { ...small, invalidRate: 0 });
    // Act: killed as soon as its first object is staged.
    const killed = await killPkhOnFirstStaged(work, lake);
    expect(killed.signal, `pkh ingest was killed part-way (exit ${killed.code}): ${killed.stderr}`).toBe('SIGKILL');
    expect(await visibleFiles(lake)).toEqual([]);
    await copyFile(path.join(work, 'diperbaiki.csv'), path.join(work, 'aktivitas.csv'));
    const again = await runPkhIn(work, ['ingest', '--dataset', 'activity_log', path.join(work, 'aktivitas.csv')], lake);
    expect(again.code, again.stderr).toBe(0);
    const once = await runPkhIn(work, ['ingest', '--dataset', 'activity_log', './aktivitas.csv'], lake);
    expect(once.code, once.stderr).toBe(0);
    const reference = await runPkhIn(work, ['ingest', '--dataset', 'activity_log', 'aktivitas.csv'], cleanLake);
    expect(reference.code, reference.stderr).toBe(0);
    // Assess: the same keys and answers as one clean run of the corrected file; one manifest.
    const keys = async (l: string) => (await new FolderStore(l).list('')).map((o) => o.key);
    expect(await keys(lake)).toEqual(await keys(cleanLake));
    expect(await manifestCount(lake)).toBe(1);
    expect(await lakeAnswers(duck.con, lake, 'activity_log')).toEqual(await lakeAnswers(duck.con, cleanLake, 'activity_log'));
  }, 180_000);
});

/** How the spawned `pkh` runs: the TypeScript sources under test, never a bundle of older code. */
const PKH_ENV = { PKH_FROM_SOURCE: '1' };

/** `pkh ingest` run in `cwd`, with the lake in `dataDir`. */
function runPkhIn(cwd: string, args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PKH, ...args], { cwd, env: { ...process.env, ...PKH_ENV, PKH_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Starts `pkh ingest ./aktivitas.csv` in `cwd` and SIGKILLs it once its first object is staged: the
 * quarantine, streamed from the first rejected rows on, or a data object (complete or still being
 * written). Staged objects stay until every one is complete, so the kill lands before publishing.
 */
function killPkhOnFirstStaged(cwd: string, lake: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PKH, 'ingest', '--dataset', 'activity_log', './aktivitas.csv'], { cwd, env: { ...process.env, ...PKH_ENV, PKH_DATA_DIR: lake }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let timer: NodeJS.Timeout;
    const poll = async () => {
      const staged = (await readdir(path.join(lake, 'staging'), { recursive: true }).catch(() => [] as string[])).some((f) => /\.(parquet|jsonl)/.test(f));
      if (staged) child.kill('SIGKILL');
      else timer = setTimeout(poll, 5);
    };
    void poll();
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}
