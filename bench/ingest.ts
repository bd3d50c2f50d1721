/**
 * Ingest benchmark (SYSTEM.md "Performance"): on one generated activity_log CSV, `pkh ingest`
 * (the whole CLI process: hashing, validation, Parquet, quarantine, manifest) against DuckDB's
 * `COPY (SELECT * FROM read_csv(...)) TO ... (FORMAT PARQUET)`, in the same run, best of
 * `--repeat` runs each, alternating; where the CPU of `pkh ingest` goes, by stage (one more run
 * under `node --cpu-prof`, not timed); then the peak RSS of `pkh ingest` on 1M and 4M rows.
 * Wall time depends on what else runs: the CPU time (user + system, all threads) and the load
 * average are printed beside it.
 *
 * `npm run bench -- ingest [--rows N] [--rss-rows N] [--repeat N] [--skip-profile] [--keep] [--compare <other bin/pkh.js>]`
 * (`--compare`: another checkout's `pkh`, e.g. the commit before a change, timed in the same runs.)
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeActivityLogCsv } from '../functions/generator/index.js';
import { freshBundle } from '../bin/fresh-bundle.js';
import { stageShares, STAGES } from './cpu-stages.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PKH = path.join(ROOT, 'bin', 'pkh.js');

/** Targets of SYSTEM.md "Performance". */
const TARGET_RATIO = 0.25;
const TARGET_RSS_GROWTH = 1.2;
const TARGET_RSS_MB = 512;

/** Preloaded into the `pkh` process: writes its peak RSS (KiB) and CPU time (µs), all threads, to a file at exit. */
const RSS_PROBE = `data:text/javascript,${encodeURIComponent(
  `import { writeFileSync } from 'node:fs';
process.on('exit', () => { try { const u = process.resourceUsage(); writeFileSync(process.env.PKH_BENCH_RSS_FILE, JSON.stringify({ maxRSS: u.maxRSS, cpu: u.userCPUTime + u.systemCPUTime })); } catch {} });`,
)}`;

const nf = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });
const fmt = (n: number, digits = 0) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);

interface PkhRun {
  seconds: number;
  cpuSeconds: number;
  rssMb: number;
  manifest: { rows_read: number; rows_accepted: number; rows_rejected: number; partitions: unknown[] };
}

async function generate(file: string, rows: number): Promise<void> {
  const t0 = performance.now();
  await writeActivityLogCsv(file, rows, 1);
  const size = (await stat(file)).size;
  console.log(`  data: ${nf.format(rows)} baris/rows activity_log, ${fmt(size / 1e6)} MB CSV (${fmt((performance.now() - t0) / 1000, 1)} s) ${file}`);
}

/** DuckDB's COPY in this process: wall seconds and CPU seconds (its threads are this process's). */
async function duckdbCopy(csv: string, out: string): Promise<{ seconds: number; cpuSeconds: number }> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await con.run(`COPY (SELECT * FROM read_csv('${csv.replaceAll("'", "''")}')) TO '${out.replaceAll("'", "''")}' (FORMAT PARQUET)`);
    const c = process.cpuUsage(c0);
    return { seconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6 };
  } finally {
    con.closeSync();
    db.closeSync();
    await rm(out, { force: true });
  }
}

async function findManifest(lake: string): Promise<PkhRun['manifest']> {
  const dir = path.join(lake, 'manifests', 'activity_log');
  const [name] = await readdir(dir);
  return JSON.parse(await readFile(path.join(dir, name), 'utf8')) as PkhRun['manifest'];
}

/** Runs `pkh ingest` in its own process, as a person would; returns wall time and peak RSS. */
async function pkhIngest(csv: string, lake: string, nodeFlags: string[] = [], pkhBin = PKH): Promise<PkhRun> {
  const rssFile = `${lake}.rss`;
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, '--import', RSS_PROBE, pkhBin, 'ingest', '--dataset', 'activity_log', csv], {
      env: { ...process.env, PKH_DATA_DIR: lake, PKH_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`pkh ingest exited with code ${code}`);
  const usage = JSON.parse(await readFile(rssFile, 'utf8')) as { maxRSS: number; cpu: number };
  const manifest = await findManifest(lake);
  await rm(lake, { recursive: true, force: true });
  await rm(rssFile, { force: true });
  return { seconds, cpuSeconds: usage.cpu / 1e6, rssMb: usage.maxRSS / 1024, manifest };
}

/** One more `pkh ingest` under `node --cpu-prof` (every thread), then the CPU share of each stage. */
async function printStages(csv: string, dir: string): Promise<void> {
  const profDir = path.join(dir, 'cpu-profiles');
  await pkhIngest(csv, path.join(dir, 'lake-profiled'), ['--cpu-prof', `--cpu-prof-dir=${profDir}`]);
  const shares = await stageShares(profDir);
  await rm(profDir, { recursive: true, force: true });
  console.log(`  CPU per tahap / CPU by stage (node --cpu-prof, ${shares.threads} thread, ${fmt(shares.busyMs / 1000, 1)} s sampled, idle excluded):`);
  for (const stage of STAGES) {
    console.log(`    ${fmt((100 * shares.ms[stage]) / shares.busyMs, 1).padStart(5)} %  ${stage}`);
  }
  // Both cores busy: each worker should be busy nearly all of its life, the main thread in part.
  const busy = shares.busyShare.map((b, i) => `${i === 0 ? 'main' : `worker ${i}`} ${fmt(100 * b)} %`).join(', ');
  console.log(`  sibuk per thread / busy per thread (not idle, of its lifetime): ${busy}`);
}

function load(): string {
  return loadavg()
    .map((n) => fmt(n, 2))
    .join(' / ');
}

function verdict(ok: boolean): string {
  return ok ? 'OK' : 'DI BAWAH TARGET / BELOW TARGET';
}

/** Runs the ingest benchmark; returns 0 (the figures are the result, targets are reported). */
export async function main(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      rows: { type: 'string', default: '1000000' },
      'rss-rows': { type: 'string', default: '4000000' },
      repeat: { type: 'string', default: '2' },
      'skip-profile': { type: 'boolean', default: false },
      compare: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
  });
  const rows = Number(values.rows);
  const rssRows = Number(values['rss-rows']);
  const repeat = Math.max(1, Number(values.repeat));
  const dir = await mkdtemp(path.join(tmpdir(), 'pkh-bench-ingest-'));
  console.log(`Benchmark ingest (${dir}); load average 1/5/15 min: ${load()} on ${availableParallelism()} CPU`);
  // Sources newer than dist/ make `pkh` run through tsx (slower start, one more thread): say so.
  const bundled = freshBundle() !== undefined;
  console.log(`  pkh: ${bundled ? 'dist/ (compiled)' : 'sumber TypeScript lewat tsx / TypeScript sources through tsx: run `npm run build` first'}`);
  try {
    const csv = path.join(dir, `activity_log-${rows}.csv`);
    await generate(csv, rows);

    let duck = Infinity;
    let duckCpu = Infinity;
    let pkh: PkhRun | undefined;
    let other: PkhRun | undefined;
    let otherCpu = Infinity;
    const rssSmall: number[] = [];
    const cpuRuns: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const { seconds: d, cpuSeconds: dc } = await duckdbCopy(csv, path.join(dir, 'duckdb.parquet'));
      duck = Math.min(duck, d);
      duckCpu = Math.min(duckCpu, dc);
      const p = await pkhIngest(csv, path.join(dir, `lake-${i}`));
      rssSmall.push(p.rssMb);
      cpuRuns.push(p.cpuSeconds);
      console.log(
        `  run ${i + 1}: DuckDB ${fmt(d, 2)} s wall, ${fmt(dc, 1)} s CPU; pkh ingest ${fmt(p.seconds, 2)} s wall, ${fmt(p.cpuSeconds, 1)} s CPU (peak RSS ${fmt(p.rssMb)} MB; load ${load()})`,
      );
      if (!pkh || p.seconds < pkh.seconds) pkh = p;
      if (values.compare) {
        const c = await pkhIngest(csv, path.join(dir, `lake-compare-${i}`), [], path.resolve(values.compare));
        console.log(`         pembanding / compared ${values.compare}: ${fmt(c.seconds, 2)} s wall, ${fmt(c.cpuSeconds, 1)} s CPU (peak RSS ${fmt(c.rssMb)} MB)`);
        if (!other || c.seconds < other.seconds) other = c;
        otherCpu = Math.min(otherCpu, c.cpuSeconds);
      }
    }
    const m = pkh!.manifest;
    if (m.rows_read !== rows || m.rows_accepted + m.rows_rejected !== rows) {
      throw new Error(`pkh ingest read ${m.rows_read} rows (accepted ${m.rows_accepted}, rejected ${m.rows_rejected}), expected ${rows}`);
    }
    const duckRate = rows / duck;
    const pkhRate = rows / pkh!.seconds;
    const ratio = pkhRate / duckRate;
    console.log(`  DuckDB COPY → Parquet   ${fmt(duck, 2).padStart(7)} s  ${fmt(duckRate).padStart(10)} baris/rows/s`);
    console.log(
      `  pkh ingest              ${fmt(pkh!.seconds, 2).padStart(7)} s  ${fmt(pkhRate).padStart(10)} baris/rows/s  (${fmt(pkh!.cpuSeconds, 1)} s CPU; diterima/accepted ${nf.format(m.rows_accepted)}, ${m.partitions.length} partisi/partitions)`,
    );
    console.log(`  rasio / ratio           ${fmt(ratio, 3).padStart(7)}    target ≥ ${TARGET_RATIO}  ${verdict(ratio >= TARGET_RATIO)}`);
    // Steadier than wall time on a shared machine: CPU seconds each needs for the same rows.
    const minCpu = Math.min(...cpuRuns);
    console.log(`  rasio CPU / CPU ratio   ${fmt(duckCpu / minCpu, 3).padStart(7)}    (DuckDB ${fmt(duckCpu, 1)} s CPU ÷ pkh ingest ${fmt(minCpu, 1)} s CPU, least of each)`);
    if (other) {
      console.log(
        `  pembanding / compared   ${fmt(other.seconds, 2).padStart(7)} s  rasio / ratio ${fmt(rows / other.seconds / duckRate, 3)}, rasio CPU / CPU ratio ${fmt(duckCpu / otherCpu, 3)} (${fmt(otherCpu, 1)} s CPU)`,
      );
    }

    if (!values['skip-profile']) await printStages(csv, dir);

    const rss1 = Math.max(...rssSmall);
    const big = path.join(dir, `activity_log-${rssRows}.csv`);
    await rm(csv, { force: true });
    await generate(big, rssRows);
    const p4 = await pkhIngest(big, path.join(dir, 'lake-big'));
    if (p4.manifest.rows_read !== rssRows) throw new Error(`pkh ingest read ${p4.manifest.rows_read} rows, expected ${rssRows}`);
    await rm(big, { force: true });
    const growth = p4.rssMb / rss1;
    console.log(`  peak RSS ${nf.format(rows)} baris/rows    ${fmt(rss1).padStart(5)} MB    target < ${TARGET_RSS_MB} MB  ${verdict(rss1 < TARGET_RSS_MB)}`);
    console.log(
      `  peak RSS ${nf.format(rssRows)} baris/rows    ${fmt(p4.rssMb).padStart(5)} MB    target < ${TARGET_RSS_MB} MB  ${verdict(p4.rssMb < TARGET_RSS_MB)}  (${fmt(p4.seconds, 1)} s wall, ${fmt(p4.cpuSeconds, 1)} s CPU, ${fmt(rssRows / p4.seconds)} baris/rows/s; load ${load()})`,
    );
    console.log(
      `  rasio RSS / RSS ratio   ${fmt(growth, 3).padStart(7)}    target ≤ ${TARGET_RSS_GROWTH} dan/and < ${TARGET_RSS_MB} MB  ${verdict(growth <= TARGET_RSS_GROWTH && p4.rssMb < TARGET_RSS_MB)}`,
    );
    return 0;
  } finally {
    if (values.keep) console.log(`  berkas disimpan / files kept: ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}
