import { PassThrough } from 'node:stream';
import type { ObjectStore } from '../lib/object-store/index.js';

const CONTENT_TYPE = 'application/x-ndjson';

/**
 * Writes the quarantine object of one ingest (`quarantine/<dataset>/<id>.jsonl`) as lines arrive.
 * Streams into the store when it can (`putStream`), so a file of rejected rows never sits in
 * memory whole; the object appears only once complete. Nothing is written when no row is rejected.
 */
export class QuarantineSink {
  private stream: PassThrough | undefined;
  private upload: Promise<void> | undefined;
  private pending: string[] = [];
  private bytes = 0;
  private failure: unknown;

  constructor(
    private readonly store: ObjectStore,
    readonly key: string,
  ) {}

  /** True once at least one line was written. */
  get used(): boolean {
    return this.bytes > 0;
  }

  /** Appends JSON lines (each ending in `\n`); waits when the store is behind. */
  async write(text: string): Promise<void> {
    if (text.length === 0) return;
    this.bytes += text.length;
    if (!this.store.putStream) {
      this.pending.push(text);
      return;
    }
    if (!this.stream) {
      const stream = new PassThrough({ highWaterMark: 1024 * 1024 });
      this.stream = stream;
      this.upload = this.store.putStream(this.key, stream, { contentType: CONTENT_TYPE }).catch((err: unknown) => {
        this.failure ??= err;
        stream.resume();
      });
    }
    if (this.failure !== undefined) throw this.failure;
    if (!this.stream.write(text)) {
      const stream = this.stream;
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
      });
    }
    if (this.failure !== undefined) throw this.failure;
  }

  /** Completes the object (or writes nothing when no row was rejected). */
  async finish(): Promise<void> {
    if (this.stream) {
      this.stream.end();
      await this.upload;
      if (this.failure !== undefined) throw this.failure;
    } else if (this.pending.length > 0) {
      await this.store.put(this.key, this.pending.join(''), { contentType: CONTENT_TYPE });
      this.pending = [];
    }
  }

  /** Gives up: the partial object is never completed. */
  async abort(): Promise<void> {
    this.pending = [];
    if (this.stream) {
      this.stream.destroy(new Error('ingest aborted'));
      await this.upload;
    }
  }
}
