import type { ReaderErrors } from './messages.js';

type Chunk = Uint8Array | string;

/**
 * Pull-based view of an input stream as Buffers. It enforces `maxFileBytes` on the bytes that
 * actually arrive (the declared size may be missing or wrong) and lets the caller look at the
 * first bytes and put them back, so the stream is opened only once (one S3 GET).
 */
export class ByteSource {
  private readonly iterator: AsyncIterator<Chunk>;
  private readonly pending: Buffer[] = [];
  private received = 0;
  private finished = false;

  constructor(
    stream: NodeJS.ReadableStream | AsyncIterable<Uint8Array>,
    private readonly maxBytes: number,
    private readonly errors: ReaderErrors,
  ) {
    const iterable = stream as AsyncIterable<Chunk>;
    if (typeof iterable[Symbol.asyncIterator] !== 'function') {
      throw new TypeError('ByteSource: the input stream is not async iterable');
    }
    this.iterator = iterable[Symbol.asyncIterator]();
  }

  /** Bytes received from the underlying stream so far. */
  get bytesReceived(): number {
    return this.received;
  }

  /** Next chunk, or null at the end of the input. */
  async next(): Promise<Buffer | null> {
    const queued = this.pending.shift();
    if (queued !== undefined) return queued;
    if (this.finished) return null;
    for (;;) {
      const step = await this.iterator.next();
      if (step.done) {
        this.finished = true;
        return null;
      }
      const value = step.value;
      const buf = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      if (buf.length === 0) continue;
      this.received += buf.length;
      if (this.received > this.maxBytes) {
        await this.close();
        throw this.errors.fileTooLargeWhileReading(this.maxBytes);
      }
      return buf;
    }
  }

  /** Puts a chunk back in front of the stream. */
  unshift(buf: Buffer): void {
    if (buf.length > 0) this.pending.unshift(buf);
  }

  /**
   * Reads chunks until `enough(chunk, total)` is true or the input ends, and returns the bytes
   * read (also put back, so the next `next()` starts from the beginning again). `enough` sees
   * each new chunk once, so scanning stays linear.
   */
  async peek(enough: (chunk: Buffer, total: number) => boolean): Promise<{ bytes: Buffer; ended: boolean }> {
    const parts: Buffer[] = [];
    let total = 0;
    let ended = false;
    for (;;) {
      const chunk = await this.next();
      if (chunk === null) {
        ended = true;
        break;
      }
      parts.push(chunk);
      total += chunk.length;
      if (enough(chunk, total)) break;
    }
    const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
    if (bytes.length > 0) this.pending.unshift(bytes);
    return { bytes, ended };
  }

  /** Stops the underlying stream early (e.g. the caller gave up or an error was found). */
  async close(): Promise<void> {
    this.pending.length = 0;
    if (this.finished) return;
    this.finished = true;
    try {
      await this.iterator.return?.();
    } catch {
      // The stream is being abandoned; an error while closing it has nothing left to spoil.
    }
  }
}
