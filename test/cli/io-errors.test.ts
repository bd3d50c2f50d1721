/**
 * SYSTEM.md "Reliability and security": a read-only data folder, a full disk, an output folder
 * that cannot be made: one line (what, where, what to do), exit 1, nothing half-written; and
 * `--budget -5` answered by the command's own check, not "argument is ambiguous". We run as root,
 * so a read-only folder is simulated by paths that cannot be made (under a file, under /proc) and
 * a full disk by a store that fails with ENOSPC part-way through an ingest.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ioErrorToUserError } from '../../cli/io-errors.js';
import { writeActivityLogCsv } from '../../functions/generator/index.js';
import { ingestFile } from '../../functions/ingest/index.js';
import { DEFAULT_CONFIG } from '../../functions/lib/config.js';
import { FolderStore, type ObjectStore } from '../../functions/lib/object-store/index.js';
import { getDataset } from '../../schemas/index.js';
import { runPkh, tempDir } from '../ingest/helpers.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let csv: string;

beforeAll(async () => {
  tmp = await tempDir('pkh-io-errors-');
  csv = tmp.path('aktivitas.csv');
  await writeActivityLogCsv(csv, 5_000, 3, { months: 3, endPeriod: '2026-10', invalidRate: 0.01, now: Date.parse('2026-11-20T03:00:00Z') });
  await writeFile(tmp.path('berkas'), 'bukan folder');
}, 60_000);

afterAll(() => tmp?.cleanup());

/** A line of the project's error style: what, where, what to do, Indonesian / English. */
const ONE_LINE = /^pkh: Tidak dapat memakai .+: .+; .+ \/ Cannot use .+: .+; .+$/;

describe('I/O errors at the CLI edge', () => {
  it('a full disk part-way through an ingest: the error is translated, and nothing of the ingest is left', async () => {
    // Prepare: a folder store whose 4th write fails as a full disk does.
    const root = tmp.path('penuh');
    const folder = new FolderStore(root);
    let puts = 0;
    const full: ObjectStore = Object.assign(Object.create(folder) as FolderStore, {
      async put(key: string, body: Uint8Array | string) {
        if (++puts === 4) throw Object.assign(new Error(`ENOSPC: no space left on device, write '${root}/${key}'`), { code: 'ENOSPC', path: `${root}/${key}` });
        return folder.put(key, body);
      },
    });
    const { size } = await stat(csv);
    // Act
    const failure = await ingestFile({
      dataset: getDataset('activity_log'),
      source: { key: csv, size, open: () => createReadStream(csv) },
      store: full,
      limits: DEFAULT_CONFIG.limits,
    }).then(() => undefined, (err: unknown) => err);
    // Assess
    expect(puts).toBeGreaterThanOrEqual(4);
    const line = ioErrorToUserError(failure);
    expect(line?.code).toBe('io_enospc');
    expect(`pkh: ${line?.message}`).toMatch(ONE_LINE);
    expect(line?.message).toContain('disk penuh');
    expect(line?.message).toContain('the disk is full');
    const left = (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile());
    expect(left.map((e) => e.name)).toEqual([]);
  });

  it.each([
    ['a data folder under a file (not a folder)', () => path.join(tmp.path('berkas'), 'data')],
    ['a data folder under /proc (cannot be made; used to spin forever)', () => '/proc/pkh-data'],
  ])('pkh ingest with %s: one line, exit 1', async (_what, dataDir) => {
    const run = await runPkh(['ingest', '--dataset', 'activity_log', csv], dataDir());
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(ONE_LINE)]);
  }, 120_000);

  it('pkh report --out under /proc: one line, exit 1, no stack trace', async () => {
    const run = await runPkh(['report', 'scorecard', '--kabupaten', '64.02', '--period', '2026-10', '--format', 'json', '--out', '/proc/pkh-laporan'], tmp.path('lake'));
    expect(run.code, run.stderr).toBe(1);
    // The empty lake's note comes first; then the error, one line.
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(ONE_LINE);
    expect(lines.filter((l) => !l.startsWith('pkh: '))).toEqual([]);
  }, 120_000);

  it('--budget -5 is checked as a budget, not refused as an ambiguous argument', async () => {
    const run = await runPkh(['report', 'ranking', '--kabupaten', '64.02', '--period', '2026-10', '--budget', '-5', '--unit-cost', '3000000'], tmp.path('lake'));
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(/ambiguous/);
    expect(run.stderr).toMatch(/budget/);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  }, 120_000);
});
