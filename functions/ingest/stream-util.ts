/** Stream helpers of the ingest core. */

type Chunk = Uint8Array | string;

function toBuffer(chunk: Chunk): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * Reads the first `minBytes` (or the whole input when shorter) and returns them with a
 * single-use iterable that yields everything from the start again, so the input is read once.
 */
export async function peekStream(
  stream: NodeJS.ReadableStream | AsyncIterable<Uint8Array>,
  minBytes: number,
): Promise<{ head: Buffer; all: AsyncIterable<Buffer> }> {
  const iterator = (stream as AsyncIterable<Chunk>)[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let total = 0;
  let done = false;
  while (total < minBytes) {
    const step = await iterator.next();
    if (step.done) {
      done = true;
      break;
    }
    const buf = toBuffer(step.value);
    parts.push(buf);
    total += buf.length;
  }
  const head = parts.length === 1 ? parts[0] : Buffer.concat(parts, total);
  async function* all(): AsyncGenerator<Buffer> {
    try {
      if (head.length > 0) yield head;
      if (done) return;
      for (;;) {
        const step = await iterator.next();
        if (step.done) return;
        yield toBuffer(step.value);
      }
    } finally {
      if (!done) await iterator.return?.();
    }
  }
  return { head, all: all() };
}

/** Passes chunks through, calling `onBytes` with the running total. */
export async function* countBytes(input: AsyncIterable<Buffer>, onBytes: (total: number) => void): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of input) {
    total += chunk.length;
    onBytes(total);
    yield chunk;
  }
}

/** Calls `fn` at most once per `ms` (plus always when `force`). */
export function throttle<T>(ms: number, fn: (value: T) => void): (value: T, force?: boolean) => void {
  let last = 0;
  return (value, force = false) => {
    const t = Date.now();
    if (force || t - last >= ms) {
      last = t;
      fn(value);
    }
  };
}
