/**
 * A small pool of ingest worker threads (`worker.ts`). Parquet encoding jobs go before chunk
 * jobs, so buffered rows leave memory as soon as possible.
 *
 * Loading the worker: from TypeScript sources (tsx, vitest) the worker and its imports are
 * bundled once with esbuild (dependencies stay external) into `node_modules/.cache/pantau-pkh/`,
 * so the thread runs plain JavaScript without a TypeScript loader; from a JavaScript bundle the
 * worker is expected next to it as `ingest-worker.mjs`. When neither is available, `create` throws
 * and the caller ingests on its own thread.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { UserError } from '../../lib/errors.js';
import type { DatasetName } from '../../lib/lake-layout.js';
import type { ChunkResult } from '../chunk.js';
import type { PackedColumns } from '../packed.js';
import type { Compression } from '../encode.js';
import type { ChunkJob, Job, JobRequest, JobResponse } from './protocol.js';

/** File name of the prebuilt worker beside a JavaScript bundle. */
export const WORKER_BUNDLE_FILE = 'ingest-worker.mjs';

/**
 * Heap caps per worker. A worker's live data is small (the wilayah reference, one chunk); without a
 * cap V8 lets garbage pile up to hundreds of MB per thread on a machine with memory to spare.
 * The young generation holds a chunk's short-lived garbage (row objects, cells) in fewer
 * scavenges: 32 MB measured about half the workers' GC time of 16 MB, for ~30 MB more peak RSS
 * (1M rows 420 MB, 4M rows 441 MB; 64 MB went over 512 MB).
 */
const WORKER_HEAP_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32 };

interface Pending {
  resolve: (r: JobResponse) => void;
  reject: (err: unknown) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | undefined;
  id: number;
}

interface Queued {
  request: JobRequest;
  transfer: ArrayBuffer[];
  pending: Pending;
}

let workerUrl: Promise<URL> | undefined;

/** Where the worker's JavaScript is, building it first when running from TypeScript sources. */
function resolveWorkerUrl(): Promise<URL> {
  workerUrl ??= (async () => {
    // Empty in a CommonJS bundle: there the worker must sit next to the bundle.
    const here = import.meta.url ?? '';
    if (!here.endsWith('.ts')) {
      if (here === '') throw new Error('ingest worker: no module URL to find it from');
      const url = new URL(`./${WORKER_BUNDLE_FILE}`, here);
      if (!existsSync(fileURLToPath(url))) throw new Error(`ingest worker ${fileURLToPath(url)} not found`);
      return url;
    }
    return pathToFileURL(await buildWorkerBundle(fileURLToPath(new URL('./worker.ts', here))));
  })();
  workerUrl.catch(() => {
    workerUrl = undefined;
  });
  return workerUrl;
}

/** An esbuild plugin that replaces whole packages with a module that throws when used. */
function stubModules(names: readonly string[]): import('esbuild').Plugin {
  const filter = new RegExp(`^(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`);
  return {
    name: 'pkh-stub-modules',
    setup(build) {
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'pkh-stub' }));
      build.onLoad({ filter: /.*/, namespace: 'pkh-stub' }, (args) => ({
        contents: `const fail = () => { throw new Error(${JSON.stringify(`${args.path} is not available in the ingest worker`)}); };
export default new Proxy({}, { get: fail });`,
        loader: 'js',
      }));
    },
  };
}

/** How the worker is bundled, here and by the CLI build (`scripts/build.ts`, which writes it beside the CLI bundle). */
export function workerBuildOptions(entry: string) {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // The worker reads CSV chunks only: keep the XLSX reader's heavy dependency out of each thread's start-up.
    plugins: [stubModules(['exceljs'])],
    logLevel: 'silent',
  } satisfies import('esbuild').BuildOptions;
}

/** Bundles the worker with esbuild into node_modules/.cache (content-addressed, written atomically). */
async function buildWorkerBundle(entry: string): Promise<string> {
  const require = createRequire(import.meta.url);
  // A non-literal specifier, so a bundler (the Lambda bundle) does not pull esbuild in.
  const esbuildModule = 'esbuild';
  const esbuild = (await import(esbuildModule)) as typeof import('esbuild');
  const out = await esbuild.build({ ...workerBuildOptions(entry), write: false });
  const code = out.outputFiles[0].contents;
  let dir = path.dirname(require.resolve('esbuild'));
  while (path.basename(dir) !== 'node_modules') {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('ingest worker: node_modules not found');
    dir = parent;
  }
  const cache = path.join(dir, '.cache', 'pantau-pkh');
  const file = path.join(cache, `ingest-worker-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`);
  if (!existsSync(file)) {
    await mkdir(cache, { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, code);
    await rename(tmp, file);
  }
  return file;
}

/** Worker threads that parse/validate CSV chunks and encode Parquet. */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly encodeQueue: Queued[] = [];
  private readonly chunkQueue: Queued[] = [];
  private nextId = 1;
  private broken: unknown;

  private constructor(url: URL, size: number) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url, { resourceLimits: WORKER_HEAP_LIMITS });
      const slot: Slot = { worker, busy: undefined, id: i };
      worker.on('message', (response: JobResponse) => {
        const pending = slot.busy;
        slot.busy = undefined;
        pending?.resolve(response);
        this.pump();
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => {
        if (this.broken === undefined && code !== 0) this.fail(new Error(`ingest worker exited with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  /** Starts `size` workers (at least 1). */
  static async create(size: number): Promise<WorkerPool> {
    return new WorkerPool(await resolveWorkerUrl(), Math.max(1, size));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Parses and validates one CSV chunk (its bytes are transferred). */
  async chunk(job: Omit<ChunkJob, 'type'>): Promise<ChunkResult> {
    const response = await this.submit({ type: 'chunk', ...job }, [job.bytes.buffer as ArrayBuffer], this.chunkQueue);
    return response.chunk!;
  }

  /** Encodes packed rows as Parquet (the rows' buffer is transferred). */
  async encode(dataset: DatasetName, rows: PackedColumns, compression: Compression): Promise<Uint8Array> {
    const response = await this.submit({ type: 'encode', dataset, rows, compression }, [rows.buffer], this.encodeQueue);
    return response.parquet!;
  }

  /** Stops every worker; pending jobs fail. */
  async close(): Promise<void> {
    this.fail(new Error('ingest worker pool closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private submit(job: Job, transfer: ArrayBuffer[], queue: Queued[]): Promise<JobResponse & { ok: true }> {
    return new Promise<JobResponse>((resolve, reject) => {
      if (this.broken !== undefined) {
        reject(this.broken);
        return;
      }
      queue.push({ request: { id: this.nextId++, job }, transfer, pending: { resolve, reject } });
      this.pump();
    }).then((response) => {
      if (response.ok) return response;
      const e = response.error;
      if (e.user) throw new UserError(e.message, e.code);
      const err = new Error(`ingest worker: ${e.message}`);
      if (e.stack) err.stack = e.stack;
      throw err;
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const next = this.encodeQueue.shift() ?? this.chunkQueue.shift();
      if (!next) return;
      slot.busy = next.pending;
      slot.worker.postMessage(next.request, next.transfer);
    }
  }

  private fail(err: unknown): void {
    this.broken ??= err;
    for (const slot of this.slots) {
      slot.busy?.reject(err);
      slot.busy = undefined;
    }
    for (const q of [...this.encodeQueue.splice(0), ...this.chunkQueue.splice(0)]) q.pending.reject(err);
  }
}
