/**
 * Ingest worker thread: parses and validates CSV chunks, and encodes Parquet, for the pool in
 * `pool.ts`. The code it runs is the same as on the calling thread (`ChunkBuilder`, `encodePacked`).
 */
import { parentPort } from 'node:worker_threads';
import { openCsvArrays } from '../readers/index.js';
import { isUserError } from '../../lib/errors.js';
import { getKabupaten } from '../../lib/wilayah.js';
import { getDataset } from '../../../schemas/index.js';
import { ChunkBuilder, type ChunkResult } from '../chunk.js';
import { encodePacked } from '../encode.js';
import { resolveFileHeader } from '../header.js';
import type { ChunkJob, JobRequest, JobResponse } from './protocol.js';

async function* twoParts(a: Uint8Array, b: Uint8Array): AsyncGenerator<Uint8Array> {
  yield a;
  yield b;
}

async function runChunk(job: ChunkJob): Promise<ChunkResult> {
  const dataset = getDataset(job.dataset);
  const file = await openCsvArrays({ name: job.source, stream: () => twoParts(job.header, job.bytes) }, job.limits);
  const resolved = resolveFileHeader(dataset, file.header, job.source);
  const builder = new ChunkBuilder({ dataset, source: job.source, now: job.now, format: 'csv', header: file.header, resolved });
  const offset = job.lineOffset;
  for await (const batch of file.batches) {
    const { rows, values } = batch;
    for (let i = 0; i < rows.length; i++) builder.addValues(values[i], rows[i] + offset);
  }
  return builder.finish();
}

const port = parentPort;
if (!port) throw new Error('ingest worker: must run in a worker thread');

// Every dataset checks wilayah codes: load the reference now, while the first chunk is being cut.
setImmediate(() => getKabupaten('11.01'));

port.on('message', (request: JobRequest) => {
  const { id, job } = request;
  const work = async (): Promise<{ response: JobResponse; transfer: ArrayBuffer[] }> => {
    if (job.type === 'chunk') {
      const chunk = await runChunk(job);
      return { response: { id, ok: true, chunk }, transfer: [chunk.rows.buffer] };
    }
    const parquet = encodePacked(getDataset(job.dataset).storageColumns, job.rows, job.compression);
    const own = parquet.byteOffset === 0 && parquet.byteLength === parquet.buffer.byteLength ? parquet : parquet.slice();
    return { response: { id, ok: true, parquet: own }, transfer: [own.buffer as ArrayBuffer] };
  };
  work().then(
    ({ response, transfer }) => port.postMessage(response, transfer),
    (err: unknown) => {
      const error = isUserError(err)
        ? { user: true, code: err.code, message: err.message }
        : { user: false, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
      port.postMessage({ id, ok: false, error } satisfies JobResponse);
    },
  );
});
