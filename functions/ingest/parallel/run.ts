/**
 * Ingest of a large CSV on worker threads: this thread cuts the bytes into chunks at record
 * boundaries (`cutter.ts`), workers parse and validate them with the same reader and rules as
 * the serial path, and the results are handed on strictly in file order, so the objects written
 * never depend on which worker was faster.
 *
 * Anything the split reading cannot reproduce exactly (an unreadable file, a header problem, a
 * limit, a line longer than a chunk, ...) raises {@link ParallelFallback}: the caller then reads
 * the file again on one thread, which gives the exact error message with the file's own line
 * numbers, or the exact result.
 */
import { isUserError } from '../../lib/errors.js';
import { openCsvArrays, DEFAULT_MAX_LINE_BYTES, type ReadLimits } from '../readers/index.js';
import type { Dataset } from '../../../schemas/index.js';
import type { ChunkResult } from '../chunk.js';
import { resolveFileHeader } from '../header.js';
import { CsvCutter, type CsvChunk } from './cutter.js';
import { breakEnd, countLineBreaks } from '../readers/line-breaks.js';
import type { WorkerPool } from './pool.js';

/** Bytes per chunk: large enough to keep messages few, small enough to keep memory and latency low. */
export const PARALLEL_CHUNK_BYTES = 2 * 1024 * 1024;

/** The split reading cannot give the exact answer for this file; read it on one thread instead. */
export class ParallelFallback extends Error {
  override readonly name = 'ParallelFallback';
}

export interface ParallelRun {
  pool: WorkerPool;
  dataset: Dataset;
  source: string;
  now: number;
  input: AsyncIterable<Buffer>;
  limits: ReadLimits;
  onChunk: (chunk: ChunkResult) => Promise<void>;
  /** Default {@link PARALLEL_CHUNK_BYTES}. */
  chunkBytes?: number;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * End (exclusive, after its line break) of the header line in `bytes`, skipping blank leading
 * lines; -1 if not there yet. Line breaks as in `line-breaks.ts` (CR LF, LF or a lone CR).
 */
function headerEnd(bytes: Buffer): number {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let content = false;
  let quoted = false;
  for (let i = bom; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) quoted = !quoted;
    else if ((b === LF || b === CR) && !quoted) {
      const after = breakEnd(bytes, i, false);
      if (after < 0) return -1;
      if (content) return after;
      i = after - 1;
    } else if (!quoted && b !== 0x20 && b !== 0x09 && b !== 0x2c && b !== 0x3b) {
      content = true;
    } else if (quoted) content = true;
  }
  return -1;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

/** Reads the header with the real reader; any problem is the serial reader's to report. */
async function readHeader(run: ParallelRun, bytes: Buffer): Promise<{ header: string[]; delimiter: ',' | ';' }> {
  try {
    const file = await openCsvArrays({ name: run.source, stream: () => once(bytes) }, run.limits);
    let rows = 0;
    for await (const b of file.batches) rows += b.rows.length;
    if (rows > 0) throw new ParallelFallback('header bytes hold data rows');
    resolveFileHeader(run.dataset, file.header, run.source);
    return { header: file.header, delimiter: file.delimiter };
  } catch (err) {
    if (isUserError(err) || err instanceof ParallelFallback) throw new ParallelFallback(err.message);
    throw err;
  }
}

/** Runs the ingest of one CSV on the pool; returns the header's unknown columns. */
export async function runParallel(run: ParallelRun): Promise<string[]> {
  const maxLine = run.limits.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const iterator = run.input[Symbol.asyncIterator]();
  let received = 0;
  const tooBig = () => received > run.limits.maxFileBytes;

  try {
    // 1. The header line.
    let head: Buffer = Buffer.alloc(0);
    let end = -1;
    while (end < 0) {
      const step = await iterator.next();
      if (step.done) throw new ParallelFallback('no data after the header');
      received += step.value.length;
      if (tooBig()) throw new ParallelFallback('file too large');
      head = head.length === 0 ? step.value : Buffer.concat([head, step.value]);
      end = headerEnd(head);
      if (end < 0 && head.length > maxLine) throw new ParallelFallback('header line too long');
    }
    const headerBytes = new Uint8Array(head.subarray(0, end));
    const { header, delimiter } = await readHeader(run, head.subarray(0, end));
    const unknown = resolveFileHeader(run.dataset, header, run.source).unknown;
    const headerLines = countLineBreaks(headerBytes);
    const chunkBytes = run.chunkBytes ?? PARALLEL_CHUNK_BYTES;
    const cutter = new CsvCutter(delimiter.charCodeAt(0), chunkBytes, end, headerLines + 1);

    // 2. Chunks out to the workers, results back in file order.
    const results = new Map<number, Promise<ChunkResult>>();
    const ahead = run.pool.size * 2;
    let next = 0;
    let rows = 0;
    const deliver = async () => {
      const result = results.get(next)!;
      results.delete(next);
      next++;
      let chunk: ChunkResult;
      try {
        chunk = await result;
      } catch (err) {
        if (isUserError(err)) throw new ParallelFallback(err.message);
        throw err;
      }
      rows += chunk.rowsRead;
      if (rows > run.limits.maxRows) throw new ParallelFallback('too many rows');
      await run.onChunk(chunk);
    };
    const dispatch = async (chunk: CsvChunk) => {
      while (results.size >= ahead) await deliver();
      const result = run.pool.chunk({
        dataset: run.dataset.name,
        source: run.source,
        now: run.now,
        limits: run.limits,
        header: headerBytes.slice(),
        bytes: chunk.bytes,
        lineOffset: chunk.firstLine - (headerLines + 1),
      });
      // Awaited in order by `deliver`; this only keeps an early failure from going unhandled.
      result.catch(() => undefined);
      results.set(chunk.index, result);
    };

    const pushAll = async (bytes: Buffer) => {
      for (const chunk of cutter.push(bytes)) await dispatch(chunk);
      if (cutter.pending > chunkBytes + maxLine) throw new ParallelFallback('a record longer than a chunk');
    };
    await pushAll(head.subarray(end));
    for (;;) {
      const step = await iterator.next();
      if (step.done) break;
      received += step.value.length;
      if (tooBig()) throw new ParallelFallback('file too large');
      await pushAll(step.value);
    }
    const last = cutter.end();
    if (last) await dispatch(last);
    while (results.size > 0) await deliver();
    return unknown;
  } finally {
    await iterator.return?.();
  }
}
