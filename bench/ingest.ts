/**
 * Ingest benchmark (SYSTEM.md "Performance"): on one generated activity_log CSV, `pkh ingest`
 * (the whole CLI process: hashing, validation, Parquet, quarantine, manifest) against DuckDB's
 * `COPY (SELECT * FROM read_csv(...)) TO ... (FORMAT PARQUET)`, in the same run, best of
 * `--repeat` runs each, alternating; then the peak RSS of `pkh ingest` on 1M and 4M rows.
 *
 * `npm run bench -- ingest [--rows N] [--rss-rows N] [--repeat N] [--keep]`
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { writeActivityLogCsv } from '../functions/generator/index.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PKH = path.join(ROOT, 'bin', 'pkh.js');

/** Targets of SYSTEM.md "Performance". */
const TARGET_RATIO = 0.25;
const TARGET_RSS_GROWTH = 1.2;
const TARGET_RSS_MB = 512;

/** Preloaded into the `pkh` process: writes its peak RSS (KiB, all threads) to a file at exit. */
const RSS_PROBE = `data:text/javascript,${encodeURIComponent(
  `import { writeFileSync } from 'node:fs';
process.on('exit', () => { try { writeFileSync(process.env.PKH_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)); } catch {} });`,
)}`;

const nf = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 2 });
const fmt = (n: number, digits = 0) => new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(n);

interface PkhRun {
  seconds: number;
  rssMb: number;
  manifest: { rows_read: number; rows_accepted: number; rows_rejected: number; partitions: unknown[] };
}

async function generate(file: string, rows: number): Promise<void> {
  const t0 = performance.now();
  await writeActivityLogCsv(file, rows, 1);
  const size = (await stat(file)).size;
  console.log(`  data: ${nf.format(rows)} baris/rows activity_log, ${fmt(size / 1e6)} MB CSV (${fmt((performance.now() - t0) / 1000, 1)} s) ${file}`);
}

async function duckdbCopy(csv: string, out: string): Promise<number> {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  try {
    const t0 = performance.now();
    await con.run(`COPY (SELECT * FROM read_csv('${csv.replaceAll("'", "''")}')) TO '${out.replaceAll("'", "''")}' (FORMAT PARQUET)`);
    return (performance.now() - t0) / 1000;
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
async function pkhIngest(csv: string, lake: string): Promise<PkhRun> {
  const rssFile = `${lake}.rss`;
  const t0 = performance.now();
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', RSS_PROBE, PKH, 'ingest', '--dataset', 'activity_log', csv], {
      env: { ...process.env, PKH_DATA_DIR: lake, PKH_BENCH_RSS_FILE: rssFile },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  const seconds = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`pkh ingest exited with code ${code}`);
  const rssMb = Number(await readFile(rssFile, 'utf8')) / 1024;
  const manifest = await findManifest(lake);
  await rm(lake, { recursive: true, force: true });
  await rm(rssFile, { force: true });
  return { seconds, rssMb, manifest };
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
      keep: { type: 'boolean', default: false },
    },
  });
  const rows = Number(values.rows);
  const rssRows = Number(values['rss-rows']);
  const repeat = Math.max(1, Number(values.repeat));
  const dir = await mkdtemp(path.join(tmpdir(), 'pkh-bench-ingest-'));
  console.log(`Benchmark ingest (${dir})`);
  try {
    const csv = path.join(dir, `activity_log-${rows}.csv`);
    await generate(csv, rows);

    let duck = Infinity;
    let pkh: PkhRun | undefined;
    const rssSmall: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const d = await duckdbCopy(csv, path.join(dir, 'duckdb.parquet'));
      duck = Math.min(duck, d);
      const p = await pkhIngest(csv, path.join(dir, `lake-${i}`));
      rssSmall.push(p.rssMb);
      console.log(`  run ${i + 1}: DuckDB ${fmt(d, 2)} s, pkh ingest ${fmt(p.seconds, 2)} s (peak RSS ${fmt(p.rssMb)} MB)`);
      if (!pkh || p.seconds < pkh.seconds) pkh = p;
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
      `  pkh ingest              ${fmt(pkh!.seconds, 2).padStart(7)} s  ${fmt(pkhRate).padStart(10)} baris/rows/s  (diterima/accepted ${nf.format(m.rows_accepted)}, ${m.partitions.length} partisi/partitions)`,
    );
    console.log(`  rasio / ratio           ${fmt(ratio, 3).padStart(7)}    target ≥ ${TARGET_RATIO}  ${verdict(ratio >= TARGET_RATIO)}`);

    const rss1 = Math.max(...rssSmall);
    const big = path.join(dir, `activity_log-${rssRows}.csv`);
    await rm(csv, { force: true });
    await generate(big, rssRows);
    const p4 = await pkhIngest(big, path.join(dir, 'lake-big'));
    if (p4.manifest.rows_read !== rssRows) throw new Error(`pkh ingest read ${p4.manifest.rows_read} rows, expected ${rssRows}`);
    await rm(big, { force: true });
    const growth = p4.rssMb / rss1;
    console.log(`  peak RSS ${nf.format(rows)} baris/rows    ${fmt(rss1).padStart(5)} MB`);
    console.log(`  peak RSS ${nf.format(rssRows)} baris/rows    ${fmt(p4.rssMb).padStart(5)} MB  (${fmt(p4.seconds, 1)} s, ${fmt(rssRows / p4.seconds)} baris/rows/s)`);
    console.log(
      `  rasio RSS / RSS ratio   ${fmt(growth, 3).padStart(7)}    target ≤ ${TARGET_RSS_GROWTH} dan/and < ${TARGET_RSS_MB} MB  ${verdict(growth <= TARGET_RSS_GROWTH && p4.rssMb < TARGET_RSS_MB)}`,
    );
    return 0;
  } finally {
    if (values.keep) console.log(`  berkas disimpan / files kept: ${dir}`);
    else await rm(dir, { recursive: true, force: true });
  }
}
