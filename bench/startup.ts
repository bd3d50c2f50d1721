/**
 * Start-up benchmark (SYSTEM.md "Performance", "what a person waits for"): the wall time of the
 * whole `pkh` process, as a person starts it, median of `--repeat` runs, beside `node -e 0` (the
 * floor any Node.js command pays) measured in the same run:
 *
 * - `pkh --help` (target < 0.25 s),
 * - `pkh report scorecard --kabupaten 64.02 --format json --out -` on a small generated lake of a
 *   few thousand rows (target < 0.8 s),
 *
 * each from the bundle `npm install` builds (dist/) when it is fresh, and from the TypeScript
 * sources through tsx (`PKH_FROM_SOURCE=1`: what runs before a build, and what the tests run).
 *
 * `npm run bench -- startup [--repeat N] [--pkh PATH] [--keep]` (`--pkh` another checkout's bin/pkh.js, to compare)
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freshBundle } from '../bin/fresh-bundle.js';
import { generate, previousMonth } from '../functions/generator/index.js';
import { ingestFile } from '../functions/ingest/index.js';
import { DEFAULT_CONFIG } from '../functions/lib/config.js';
import { DATASET_NAMES } from '../functions/lib/lake-layout.js';
import { FolderStore } from '../functions/lib/object-store/folder-store.js';
import { getDataset } from '../schemas/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KABUPATEN = '64.02';
const MONTHS = 2;

/** Targets of SYSTEM.md "Performance", seconds of wall time. */
const TARGET_HELP_S = 0.25;
const TARGET_REPORT_S = 0.8;

const fmt = (n: number, digits = 2) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);
const nf = new Intl.NumberFormat('id-ID');

/** A lake of one kabupaten over MONTHS months, ingested with the ingest core; returns its row count. */
async function buildLake(dataDir: string, period: string): Promise<number> {
  const input = path.join(dataDir, 'input');
  const g = await generate({ kabupaten: KABUPATEN, months: MONTHS, endPeriod: period, outDir: input, seed: 1 });
  const store = new FolderStore(dataDir);
  let rows = 0;
  for (const d of DATASET_NAMES) {
    const file = g.files[d];
    const { size } = await stat(file);
    const r = await ingestFile({
      dataset: getDataset(d),
      source: { key: `input/${d}.csv`, size, open: () => createReadStream(file) },
      store,
      limits: DEFAULT_CONFIG.limits,
    });
    rows += r.rows_accepted;
  }
  await rm(input, { recursive: true, force: true });
  return rows;
}

/** Preloaded into each process: writes its CPU time (user + system, all threads, µs) to a file at exit. */
const CPU_PROBE = `data:text/javascript,${encodeURIComponent(
  `import { writeFileSync } from 'node:fs';
process.on('exit', () => { try { const u = process.cpuUsage(); writeFileSync(process.env.PKH_BENCH_CPU_FILE, String(u.user + u.system)); } catch {} });`,
)}`;

interface Timing {
  wall: number;
  cpu: number;
}

/** Wall seconds of one process, from spawn to exit, and its CPU seconds; fails on a non-zero exit. */
function timeProcess(args: string[], env: Record<string, string>, cpuFile: string): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', CPU_PROBE, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env, PKH_BENCH_CPU_FILE: cpuFile },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const wall = (performance.now() - t0) / 1000;
      if (code === 0) readFile(cpuFile, 'utf8').then((us) => resolve({ wall, cpu: Number(us) / 1e6 }), reject);
      else reject(new Error(`node ${args.join(' ')} exited with ${code}: ${stderr.trim().split('\n')[0]}`));
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface Case {
  label: string;
  args: string[];
  env: Record<string, string>;
  target?: number;
}

/** Runs the start-up benchmark; returns 0 (the figures are the result, targets are reported). */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      repeat: { type: 'string', default: '5' },
      pkh: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const repeat = Math.max(1, Number(values.repeat));
  const pkh = path.resolve(values.pkh ?? path.join(ROOT, 'bin', 'pkh.js'));
  const dir = await mkdtemp(path.join(tmpdir(), 'pkh-bench-startup-'));
  const period = previousMonth(Date.now());
  console.log(`Benchmark start-up (${dir}), ${pkh}`);
  try {
    const rows = await buildLake(dir, period);
    console.log(`  lake: ${KABUPATEN}, ${MONTHS} bulan/months sampai/to ${period}, ${nf.format(rows)} baris/rows`);
    const bundled = values.pkh === undefined && freshBundle() !== undefined;
    const report = [pkh, 'report', 'scorecard', '--kabupaten', KABUPATEN, '--period', period, '--format', 'json', '--out', '-'];
    const data = { PKH_DATA_DIR: dir };
    const build = bundled ? 'bundle dist/' : values.pkh === undefined ? 'tanpa bundle segar / no fresh bundle: sumber/sources' : 'pkh lain / other pkh';
    const cases: Case[] = [
      { label: 'node -e 0 (rujukan / reference)', args: ['-e', '0'], env: {} },
      { label: `pkh --help (${build})`, args: [pkh, '--help'], env: {}, target: TARGET_HELP_S },
      { label: `pkh report scorecard json (${build})`, args: report, env: data, target: TARGET_REPORT_S },
      { label: 'pkh --help (sumber+tsx / sources+tsx)', args: [pkh, '--help'], env: { PKH_FROM_SOURCE: '1' } },
      { label: 'pkh report scorecard json (sumber+tsx / sources+tsx)', args: report, env: { ...data, PKH_FROM_SOURCE: '1' } },
    ];
    // One warm-up of each (file cache, tsx cache), then the runs interleaved so load hits all alike.
    const cpuFile = path.join(dir, 'cpu.txt');
    for (const c of cases) await timeProcess(c.args, c.env, cpuFile);
    const times = cases.map(() => [] as Timing[]);
    for (let i = 0; i < repeat; i++) {
      for (const [j, c] of cases.entries()) times[j].push(await timeProcess(c.args, c.env, cpuFile));
    }
    const width = Math.max(...cases.map((c) => c.label.length));
    // CPU time beside wall time: on a shared machine the wall time grows with others' load, the CPU time much less.
    console.log(`  ${'perintah / command'.padEnd(width)}  dinding/wall s, median ${repeat}× (min–max)   CPU s (median)`);
    for (const [j, c] of cases.entries()) {
      const walls = times[j].map((t) => t.wall);
      const m = median(walls);
      const verdict = c.target === undefined ? '' : `   target < ${fmt(c.target)} s  ${m < c.target ? 'OK' : 'DI ATAS TARGET / ABOVE TARGET'}`;
      console.log(
        `  ${c.label.padEnd(width)}  ${fmt(m).padStart(6)} (${fmt(Math.min(...walls))}–${fmt(Math.max(...walls))})   ${fmt(median(times[j].map((t) => t.cpu))).padStart(6)}${verdict}`,
      );
    }
    return 0;
  } finally {
    if (values.keep) console.log(`  berkas disimpan / files kept: ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}
