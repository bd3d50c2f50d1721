/**
 * Where the CPU of one `pkh ingest` goes, by stage: the `.cpuprofile` files `node --cpu-prof`
 * writes (one per thread: the main thread and each ingest worker) are summed and every sample is
 * put in the stage of the innermost function on its stack that names a stage (a regular
 * expression under `validate` counts as validation, a Parquet wasm call under `encodePacked` as
 * encoding). Function names are those of the bundled CLI (`dist/`); a renamed function falls into
 * "other", which then grows visibly.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const STAGES = [
  'CSV parse',
  'validation (schemas/)',
  'rows to columns (ChunkBuilder, ColumnBatch, packed)',
  'partition buffers',
  'Parquet encode (Arrow, parquet-wasm)',
  'content hash',
  'CSV cut and worker messages',
  'quarantine and lake writes',
  'garbage collector',
  'start-up and other',
] as const;

export type Stage = (typeof STAGES)[number];

/** Function name (without a bundler's numeric suffix) → its stage. */
const BY_NAME: Record<string, Stage> = {
  // The CSV reader (readers/csv.ts, csv-parse): the outermost frames of a chunk job or the serial
  // loop; anything more specific below them wins.
  runChunk: 'CSV parse',
  runSerial: 'CSV parse',
  openCsvArrays: 'CSV parse',
  openCsvArraysFromSource: 'CSV parse',
  feed: 'CSV parse',
  readNative: 'CSV parse',
  splitQuotedLine: 'CSV parse',
  readLines: 'CSV parse',
  pump: 'CSV parse',
  peek: 'CSV parse',
  validate: 'validation (schemas/)',
  addValues: 'rows to columns (ChunkBuilder, ColumnBatch, packed)',
  addRecord: 'rows to columns (ChunkBuilder, ColumnBatch, packed)',
  check: 'rows to columns (ChunkBuilder, ColumnBatch, packed)',
  toArrowTable: 'rows to columns (ChunkBuilder, ColumnBatch, packed)',
  viewsOfArrow: 'rows to columns (ChunkBuilder, ColumnBatch, packed)',
  add: 'partition buffers',
  encodePacked: 'Parquet encode (Arrow, parquet-wasm)',
  encodeParquet: 'Parquet encode (Arrow, parquet-wasm)',
  packedToArrowTable: 'Parquet encode (Arrow, parquet-wasm)',
  hashContent: 'content hash',
  firstBreak: 'CSV cut and worker messages',
  take: 'CSV cut and worker messages',
  pushAll: 'CSV cut and worker messages',
  runParallel: 'CSV cut and worker messages',
  postMessage: 'CSV cut and worker messages',
  dispatch: 'CSV cut and worker messages',
  deliver: 'CSV cut and worker messages',
  write: 'quarantine and lake writes',
  put: 'quarantine and lake writes',
  '(garbage collector)': 'garbage collector',
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface StageShares {
  /** Sampled busy milliseconds per stage, all threads. */
  ms: Record<Stage, number>;
  busyMs: number;
  threads: number;
  /** Per thread (main first, then the workers): the share of its sampled time it was not idle. */
  busyShare: number[];
}

function stageOfFrame(frame: ProfileNode['callFrame']): Stage | undefined {
  const name = frame.functionName.replace(/\d+$/, '');
  if (name in BY_NAME) return BY_NAME[name];
  if (frame.url.startsWith('wasm://')) return 'Parquet encode (Arrow, parquet-wasm)';
  return undefined;
}

/** Adds one thread's profile to `into`. Idle time is left out. */
function addProfile(profile: Profile, into: StageShares): void {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const stageOf = new Map<number, Stage | null>();
  const resolve = (id: number): Stage | null => {
    let s = stageOf.get(id);
    if (s !== undefined) return s;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') s = null;
    else {
      const own = stageOfFrame(node.callFrame);
      const up = parent.get(id);
      s = own ?? (up === undefined ? 'start-up and other' : resolve(up));
    }
    stageOf.set(id, s);
    return s;
  };
  let busy = 0;
  let all = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const stage = resolve(profile.samples[i]);
    // The first delta is the time before the first sample; the rest are sampling intervals.
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    all += ms;
    if (stage === null) continue;
    into.ms[stage] += ms;
    busy += ms;
  }
  into.busyMs += busy;
  into.busyShare.push(all > 0 ? busy / all : 0);
  into.threads++;
}

/** The stage shares of every `.cpuprofile` in `dir`. */
export async function stageShares(dir: string): Promise<StageShares> {
  const shares: StageShares = { ms: Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>, busyMs: 0, threads: 0, busyShare: [] };
  // Node names them CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile: thread 0 is the main thread.
  const threadOf = (n: string) => Number(n.split('.').at(-3));
  const names = (await readdir(dir)).filter((n) => n.endsWith('.cpuprofile')).sort((a, b) => threadOf(a) - threadOf(b));
  for (const name of names) {
    addProfile(JSON.parse(await readFile(path.join(dir, name), 'utf8')) as Profile, shares);
  }
  return shares;
}
