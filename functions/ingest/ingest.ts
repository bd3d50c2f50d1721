/**
 * The ingest core: one upload → validated, partitioned Parquet in the lake, rejected rows in the
 * quarantine, and the manifest written last (SYSTEM.md "Lake layout"). Engine-free and used by
 * both `pkh ingest` and the ingest Lambda.
 */
import { detectFormat, type ReadLimits } from './readers/index.js';
import { correctionWorkbookKey, manifestKey, partitionPrefix, quarantineKey } from '../lib/lake-layout.js';
import { isNotFoundError, type ObjectStore } from '../lib/object-store/index.js';
import { maskNik, type Dataset } from '../../schemas/index.js';
import type { ChunkResult } from './chunk.js';
import { encodePacked, INGEST_COMPRESSION } from './encode.js';
import { Attempt, abandonUnfinished } from './commit.js';
import { hashContent, ingestId } from './identity.js';
import { writeCorrectionWorkbook } from './correction-workbook.js';
import { ObjectWriter, objectKeyOf, type Encoder } from './object-writer.js';
import { DEFAULT_BUFFER_LIMITS, PartitionBuffers } from './partition-buffers.js';
import { WorkerPool } from './parallel/pool.js';
import { ParallelFallback, runParallel } from './parallel/run.js';
import { QuarantineSink } from './quarantine.js';
import { runSerial } from './serial.js';
import { countBytes, peekStream, throttle } from './stream-util.js';
import type { IngestOptions, IngestProgress, IngestResult, IngestSummary, PartitionSummary } from './types.js';

/** Bytes looked at to tell the formats apart (zip magic, `{`). */
const MAGIC_BYTES = 8;
const DEFAULT_PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
const PROGRESS_MS = 100;

/** Running totals of the chunks, in file order. */
class Totals {
  read = 0;
  accepted = 0;
  rejected = 0;
  readonly byCode: Record<string, number> = {};
  readonly unknown: string[] = [];
  private readonly seen = new Set<string>();

  add(chunk: ChunkResult): void {
    this.read += chunk.rowsRead;
    this.accepted += chunk.rowsAccepted;
    this.rejected += chunk.rowsRejected;
    for (const [code, n] of Object.entries(chunk.rejectedByCode)) this.byCode[code] = (this.byCode[code] ?? 0) + n;
    this.addUnknown(chunk.unknownColumns);
  }

  addUnknown(names: readonly string[]): void {
    // A header cell may be a NIK (a data row taken for the header, a column named by a NIK).
    for (const n of names.map(maskNik)) {
      if (!this.seen.has(n)) {
        this.seen.add(n);
        this.unknown.push(n);
      }
    }
  }
}

function readLimitsOf(opts: IngestOptions): ReadLimits {
  return {
    maxFileBytes: opts.limits.max_file_bytes,
    maxRows: opts.limits.max_rows,
    maxXlsxUncompressedBytes: opts.limits.max_xlsx_uncompressed_bytes,
  };
}

function sortedCodes(byCode: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Ingests one upload. Accepted rows are written as Parquet under
 * `lake/<dataset>/[kabupaten_code=…/][period=…/]<id>[-n].parquet` (the folders of lake-layout's
 * `PARTITION_KEYS`), rejected rows with their reasons
 * to `quarantine/<dataset>/<id>.jsonl`, and `manifests/<dataset>/<id>.json` last. `<id>` derives
 * from the source key and content, so ingesting the same upload again (or after a crash)
 * rewrites the same objects and removes any of its own objects the new run did not produce.
 *
 * A file that cannot be read at all (empty, binary, missing or duplicated required column,
 * limits exceeded, ...) throws a one-line `UserError` naming the file; what was written before the
 * problem showed is removed, and no manifest is written.
 *
 * @example
 * const summary = await ingestFile({
 *   dataset: getDataset('activity_log'),
 *   source: { key: 'data/aktivitas.csv', size, open: () => createReadStream('data/aktivitas.csv') },
 *   store: new FolderStore('.pkh'),
 *   limits: DEFAULT_CONFIG.limits,
 * });
 * console.log(summary.rows_accepted, summary.rejected_by_code);
 */
export async function ingestFile(given: IngestOptions): Promise<IngestResult> {
  // A NIK in the file or object name must reach neither `_source`, the manifest, the quarantine
  // nor a message: everything below sees the name masked (DATA.md "personal data").
  const opts: IngestOptions = { ...given, source: { ...given.source, key: maskNik(given.source.key) } };
  try {
    return await ingestMasked(opts);
  } catch (err) {
    // Messages may quote a header cell or the first data row of a file without a header.
    if (err instanceof Error) err.message = maskNik(err.message);
    throw err;
  }
}

async function ingestMasked(opts: IngestOptions): Promise<IngestResult> {
  const now = opts.now ?? Date.now();
  const progress = throttle<IngestProgress>(PROGRESS_MS, (p) => opts.onProgress?.(p));
  // Worker threads start (and load their reference data) while the content is being hashed.
  let pool = mayRunInParallel(opts) ? WorkerPool.create(workersOf(opts)).catch(() => undefined) : undefined;
  try {
    let contentId = opts.source.contentId;
    if (contentId === undefined) {
      contentId = await hashContent(opts.source.open(), (bytes) => progress({ phase: 'hash', bytes, totalBytes: opts.source.size, rows: 0 }));
    }
    const id = ingestId(opts.source.key, contentId);
    try {
      return await attempt(opts, id, now, pool, progress);
    } catch (err) {
      if (!(err instanceof ParallelFallback)) throw err;
      // Something the split reading could not handle exactly: read the file again, in one piece.
      await (await pool)?.close();
      pool = undefined;
      return await attempt(opts, id, now, undefined, progress);
    }
  } finally {
    await (await pool)?.close();
  }
}

function workersOf(opts: IngestOptions): number {
  return Math.max(0, Math.floor(opts.tuning?.workers ?? 0));
}

/** A CSV by its name, large enough to split, with workers allowed (the content decides later). */
function mayRunInParallel(opts: IngestOptions): boolean {
  const size = opts.source.size ?? Infinity;
  const minBytes = opts.tuning?.parallelMinBytes ?? DEFAULT_PARALLEL_MIN_BYTES;
  const name = opts.source.key.split(/[?#]/, 1)[0].toLowerCase();
  const csvName = /\.(csv|txt)$/.test(name) || !/\.[a-z0-9]{1,5}$/.test(name.slice(name.lastIndexOf('/') + 1));
  return workersOf(opts) > 0 && size >= minBytes && size <= opts.limits.max_file_bytes && csvName;
}

async function attempt(
  opts: IngestOptions,
  id: string,
  now: number,
  startedPool: Promise<WorkerPool | undefined> | undefined,
  progress: (p: IngestProgress, force?: boolean) => void,
): Promise<IngestResult> {
  const { dataset, source, store } = opts;
  const name = dataset.name;
  const limits = readLimitsOf(opts);
  const buffers = new PartitionBuffers(dataset.storageColumns, opts.tuning?.bufferLimits ?? DEFAULT_BUFFER_LIMITS, dataset.partitionKeys);
  // Commit protocol (commit.ts): dead attempts of this source go first; this one writes its
  // journal, stages every object, publishes them once all are complete, then the manifest.
  await abandonUnfinished(store, name, { sourceKey: source.key, now: Date.now() });
  const commit = new Attempt(store, name, id, source.key, Date.now());
  await commit.open();
  const qKey = quarantineKey(name, id);
  const quarantine = new QuarantineSink(store, commit.staged(qKey));
  const totals = new Totals();
  const workers = workersOf(opts);

  let opened: ReturnType<typeof source.open> | undefined;
  let format: ReturnType<typeof detectFormat>;
  let all: AsyncIterable<Buffer>;
  try {
    opened = source.open();
    const peeked = await peekStream(opened, MAGIC_BYTES);
    all = peeked.all;
    format = detectFormat(source.key, peeked.head);
  } catch (err) {
    if (opened) release(opened);
    await commit.abort().catch(() => undefined);
    throw err;
  }

  let bytesRead = 0;
  const input = countBytes(all, (b) => {
    bytesRead = b;
    progress({ phase: 'ingest', bytes: b, totalBytes: source.size, rows: totals.read });
  });

  // No worker threads available (e.g. a bundle shipped without the worker file): one thread does it all.
  const pool = format === 'csv' && startedPool ? await startedPool : undefined;
  const compression = opts.tuning?.compression ?? INGEST_COMPRESSION;
  const encoder: Encoder = pool
    ? (rows) => pool.encode(dataset.name, rows, compression)
    : async (rows) => encodePacked(dataset.storageColumns, rows, compression);
  const writer = new ObjectWriter(store, name, id, encoder, pool ? workers + 1 : 1, (k) => commit.staged(k));

  let correctionKey: string | undefined;

  const onChunk = async (chunk: ChunkResult): Promise<void> => {
    totals.add(chunk);
    await quarantine.write(chunk.quarantine);
    for (const obj of buffers.add(chunk)) await writer.write(obj);
  };

  try {
    const unknown = pool
      ? await runParallel({ pool, dataset, source: source.key, now, input, limits, onChunk, chunkBytes: opts.tuning?.parallelChunkBytes })
      : await runSerial({
          dataset,
          source: source.key,
          now,
          format,
          input: { name: source.key, size: source.size, stream: () => input },
          limits,
          onChunk,
        });
    totals.addUnknown(unknown);
    for (const obj of buffers.finish()) await writer.write(obj);
    await writer.drain();
    await quarantine.finish();
    // The rejected rows as a workbook a facilitator can fix and upload again (SYSTEM.md).
    // Staged like every object of this attempt, published with them.
    if (quarantine.used) {
      correctionKey = correctionWorkbookKey(name, id);
      await writeCorrectionWorkbook({
        store,
        dataset,
        id,
        key: commit.staged(correctionKey),
        quarantineKey: quarantine.key,
        rejected: totals.rejected,
        source: source.key,
        now,
        lang: opts.lang,
      });
    }
  } catch (err) {
    // A file refused before it was read through (a limit, a bad header) must not hold its source
    // open: an S3 body left open keeps one of the client's few sockets until the Lambda dies.
    release(opened);
    await quarantine.abort().catch(() => undefined);
    await writer.drain().catch(() => undefined);
    await commit.abort().catch(() => undefined);
    throw err;
  }

  const partitions = buffers.summary();
  const mKey = manifestKey(name, id);
  const published = [...writer.written].sort();
  if (quarantine.used) published.push(qKey);
  if (correctionKey) published.push(correctionKey);
  let summary: IngestSummary;
  try {
    await commit.publish(published);
    await removeStale(store, dataset, id, writer.written, partitions, mKey, quarantine.used ? [] : [qKey, correctionWorkbookKey(name, id)]);
    summary = {
      source: source.key,
      dataset: name,
      rows_read: totals.read,
      rows_accepted: totals.accepted,
      rows_rejected: totals.rejected,
      rejected_by_code: sortedCodes(totals.byCode),
      unknown_columns: totals.unknown,
      partitions,
      ingested_at: new Date(now).toISOString(),
    };
    await store.put(mKey, `${JSON.stringify(summary, null, 2)}\n`, { contentType: 'application/json' });
    await commit.close();
  } catch (err) {
    // Nothing half-written: what was published goes again (unless the manifest made it final).
    await commit.abort().catch(() => undefined);
    throw err;
  }
  progress({ phase: 'ingest', bytes: bytesRead, totalBytes: source.size, rows: totals.read }, true);
  return {
    ...summary,
    id,
    manifestKey: mKey,
    quarantineKey: quarantine.used ? qKey : undefined,
    correctionKey,
    objectKeys: [...writer.written].sort(),
  };
}

/** Closes a source stream or async generator that was not read to its end. */
function release(source: NodeJS.ReadableStream | AsyncIterable<Uint8Array>): void {
  const s = source as { destroy?: () => void; return?: (value?: unknown) => Promise<unknown> };
  if (typeof s.destroy === 'function') s.destroy();
  else if (typeof s.return === 'function') s.return(undefined).catch(() => undefined);
}

/** Concurrent listings while looking for stale objects. */
const LIST_CONCURRENCY = 8;

/**
 * Deletes objects of this id that this run did not write: those listed by an earlier manifest of
 * the same id and those found in the partitions written now (an earlier run with another layout,
 * or one killed part-way). Also the quarantine and its workbook when no row was rejected this time.
 */
async function removeStale(
  store: ObjectStore,
  dataset: Dataset,
  id: string,
  written: ReadonlySet<string>,
  partitions: readonly PartitionSummary[],
  mKey: string,
  unusedQuarantineKeys: readonly string[],
): Promise<void> {
  const stale = new Set<string>();
  const previous = await readManifest(store, mKey);
  for (const p of previous?.partitions ?? []) {
    for (let index = 0; index < p.objects; index++) stale.add(objectKeyOf(dataset.name, id, { ...p, index }));
  }
  const own = new RegExp(`/${id}(-\\d+)?\\.parquet$`);
  // One listing per folder written (an unpartitioned dataset has one folder for every kabupaten).
  const queue = [...new Set(partitions.map((p) => partitionPrefix(dataset.name, p)))];
  const lister = async () => {
    for (let folder = queue.shift(); folder; folder = queue.shift()) {
      for (const o of await store.list(`${folder}${id}`)) {
        if (own.test(o.key)) stale.add(o.key);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(LIST_CONCURRENCY, queue.length) }, lister));
  const keys = [...stale].filter((k) => !written.has(k));
  keys.push(...unusedQuarantineKeys);
  if (keys.length > 0) await store.delete(keys.sort());
}

async function readManifest(store: ObjectStore, key: string): Promise<IngestSummary | undefined> {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(await store.get(key)).toString('utf8'));
    const partitions = (parsed as IngestSummary)?.partitions;
    return Array.isArray(partitions) ? (parsed as IngestSummary) : undefined;
  } catch (err) {
    if (isNotFoundError(err) || err instanceof SyntaxError) return undefined;
    throw err;
  }
}
