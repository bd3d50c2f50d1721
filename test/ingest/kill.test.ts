/**
 * SYSTEM.md "Faults": an ingest killed at any point and run again leaves the lake with exactly the
 * rows of one clean run. `pkh ingest` runs as a child process, is killed with SIGKILL after a
 * random delay (several times, into the same lake), then runs to completion.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeActivityLogCsv } from '../../functions/generator/index.js';
import { FolderStore } from '../../functions/lib/object-store/index.js';
import { lakeTable, openDuck, PKH, ROOT, rows, runPkh, tempDir } from './helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let duck: Awaited<ReturnType<typeof openDuck>>;

beforeAll(async () => {
  tmp = await tempDir('pkh-kill-test-');
  duck = await openDuck();
});
afterAll(async () => {
  duck?.close();
  await tmp?.cleanup();
});

async function dataObjects(lake: string): Promise<number> {
  return (await new FolderStore(lake).list('lake/')).length;
}

/**
 * Starts `pkh ingest` and kills it with SIGKILL after `ms`, or as soon as the lake holds more
 * data objects than before (when `ms` is 'first-object'); resolves when it is gone.
 */
function killedIngest(file: string, lake: string, when: number | 'first-object'): Promise<{ when: number | string; killed: boolean; objectsAtKill: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PKH, 'ingest', '--dataset', 'activity_log', file], {
      cwd: ROOT,
      env: { ...process.env, PKH_DATA_DIR: lake },
      stdio: 'ignore',
    });
    let objectsAtKill = -1;
    const kill = async () => {
      objectsAtKill = await dataObjects(lake);
      child.kill('SIGKILL');
    };
    let timer: NodeJS.Timeout;
    if (when === 'first-object') {
      let before = -1;
      const poll = async () => {
        const now = await dataObjects(lake);
        if (before < 0) before = now;
        if (now > before) await kill();
        else timer = setTimeout(poll, 10);
      };
      void poll();
    } else {
      timer = setTimeout(kill, when);
    }
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ when, killed: signal === 'SIGKILL', objectsAtKill });
    });
  });
}

/** What a clean run must equal: objects, rows per partition, sums, quarantine, manifest. */
async function state(lake: string) {
  const store = new FolderStore(lake);
  const keys = (await store.list('')).map((o) => o.key);
  const table = lakeTable(lake, 'activity_log');
  const partitions = await rows(duck.con, `SELECT kabupaten_code, period, count(*) AS n, sum(kpm_reached) AS kpm, sum(_row) AS r FROM ${table} GROUP BY ALL ORDER BY ALL`);
  const totals = await rows(duck.con, `SELECT count(*) AS n, count(DISTINCT activity_id) AS ids, count(DISTINCT _ingested_at) AS runs FROM ${table}`);
  const manifestKey = keys.find((k) => k.startsWith('manifests/'))!;
  const { ingested_at: _at, ...manifest } = JSON.parse(await readFile(path.join(lake, manifestKey), 'utf8'));
  const quarantineKey = keys.find((k) => k.startsWith('quarantine/'));
  const quarantine = quarantineKey ? await readFile(path.join(lake, quarantineKey), 'utf8') : '';
  return { keys, partitions, totals, manifest, quarantine };
}

describe.each([
  // About 200,000 rows (30 MB): split across worker threads.
  { name: 'parallel', rows: 200_000 },
  // About 40,000 rows (6 MB): read on one thread.
  { name: 'serial', rows: 40_000 },
])('an ingest killed part-way ($name path)', ({ name, rows: n }) => {
  it(
    'run again, leaves exactly the objects and rows of one clean run',
    async () => {
      // Prepare: the file, with some bad rows, and a clean run to compare with.
      const file = tmp.path(`aktivitas-${name}.csv`);
      await writeActivityLogCsv(file, n, 3, { invalidRate: 0.01, endPeriod: '2026-02', now: Date.UTC(2026, 2, 15) });
      const started = performance.now();
      const clean = await runPkh(['ingest', '--dataset', 'activity_log', file], tmp.path(`clean-${name}`));
      const duration = performance.now() - started;
      expect(clean.code, clean.stderr).toBe(0);
      const expected = await state(tmp.path(`clean-${name}`));
      expect(expected.totals[0].runs).toBe('1');

      // Act: runs killed at random points and right after their first data object, then one to completion, all into one lake.
      const lake = tmp.path(`killed-${name}`);
      const kills = [];
      kills.push(await killedIngest(file, lake, Math.round(duration * (0.1 + Math.random() * 0.5))));
      kills.push(await killedIngest(file, lake, 'first-object'));
      kills.push(await killedIngest(file, lake, Math.round(duration * (0.6 + Math.random() * 0.35))));
      const partial = await dataObjects(lake);
      const rerun = await runPkh(['ingest', '--dataset', 'activity_log', file], lake);

      // Assess
      expect(rerun.code, `${rerun.stderr} (kills: ${JSON.stringify(kills)})`).toBe(0);
      expect(kills.some((k) => k.killed), JSON.stringify(kills)).toBe(true);
      // The object-triggered kill left a lake with only part of the objects.
      expect(kills[1].killed, JSON.stringify(kills)).toBe(true);
      expect(partial, JSON.stringify(kills)).toBeGreaterThan(0);
      expect(Math.min(...kills.map((k) => k.objectsAtKill).filter((o) => o > 0)), JSON.stringify(kills)).toBeLessThan(expected.keys.length - 2);
      const got = await state(lake);
      expect(got.keys, JSON.stringify(kills)).toEqual(expected.keys);
      expect(got.partitions).toEqual(expected.partitions);
      expect(got.totals).toEqual(expected.totals);
      expect(got.manifest).toEqual(expected.manifest);
      expect(got.quarantine.replaceAll(/"_?ingested_at":"[^"]*"/g, '')).toEqual(expected.quarantine.replaceAll(/"_?ingested_at":"[^"]*"/g, ''));
    },
    240_000,
  );
});
