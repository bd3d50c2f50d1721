/**
 * Cuts a CSV byte stream into chunks that end at record boundaries, so each chunk can be parsed
 * on its own (by the same reader) in a worker thread.
 *
 * A boundary is a line break outside a quoted field: CR LF, LF or a lone CR, as the reader
 * reads them (`readers/line-breaks.ts`), never between a CR and its LF. Quote state follows csv-parse as the readers
 * configure it (`relax_quotes`): a `"` opens a quoted field only at the start of a field (right
 * after a delimiter or a line break), `""` inside quotes is a literal quote, and any other `"`
 * inside quotes closes them. The scan jumps from quote to quote with `indexOf`, so it costs
 * little more than a copy. The bytes `"`, `,`, `;`, CR and LF are the same in UTF-8 and
 * Windows-1252, and never part of a multi-byte UTF-8 character.
 */

import { breakEnd, countLineBreaks } from '../readers/line-breaks.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** One chunk: bytes `[start, end)` of the file, starting at physical line `firstLine` (1-based). */
export interface CsvChunk {
  index: number;
  bytes: Uint8Array;
  start: number;
  firstLine: number;
}

/** Position of the first LF or CR in `buf[from, limit)`, or -1. */
function firstBreak(buf: Buffer, from: number, limit: number): number {
  const lf = buf.indexOf(LF, from);
  const cr = buf.indexOf(CR, from);
  const at = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
  return at >= 0 && at < limit ? at : -1;
}

/**
 * Feeds bytes in, takes chunks of at least `chunkBytes` out. Offsets and line numbers are of the
 * whole file, counting from `startOffset` / `startLine` (the first byte after the header).
 */
export class CsvCutter {
  private buf: Buffer;
  private length = 0;
  /** Scan position inside `buf`; state below is the parser's state just before it. */
  private pos = 0;
  private quoting = false;
  private index = 0;
  private offset: number;
  private line: number;

  constructor(
    private readonly delimiter: number,
    private readonly chunkBytes: number,
    startOffset: number,
    startLine: number,
  ) {
    this.buf = Buffer.allocUnsafe(chunkBytes + 64 * 1024);
    this.offset = startOffset;
    this.line = startLine;
  }

  /** Bytes held that are not yet part of a chunk. */
  get pending(): number {
    return this.length;
  }

  /** Appends bytes; returns the chunks completed by them (usually zero or one). */
  push(bytes: Uint8Array): CsvChunk[] {
    if (this.length + bytes.length > this.buf.length) {
      let cap = this.buf.length * 2;
      while (cap < this.length + bytes.length) cap *= 2;
      const next = Buffer.allocUnsafe(cap);
      this.buf.copy(next, 0, 0, this.length);
      this.buf = next;
    }
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
    const out: CsvChunk[] = [];
    for (let cut = this.findCut(); cut >= 0; cut = this.findCut()) out.push(this.take(cut));
    return out;
  }

  /** The rest of the input as the last chunk (may be empty). */
  end(): CsvChunk | undefined {
    return this.length > 0 ? this.take(this.length) : undefined;
  }

  /** Position just after a boundary line break at or beyond the chunk size, or -1 when more bytes are needed. */
  private findCut(): number {
    const buf = this.buf;
    const end = this.length;
    const target = this.chunkBytes - 1;
    if (end <= target) return this.advance(end);
    let pos = this.pos;
    for (;;) {
      if (this.quoting) {
        const q = buf.indexOf(QUOTE, pos);
        if (q < 0 || q >= end) {
          pos = end;
          break;
        }
        if (q + 1 >= end) {
          // Escaped quote or closing quote: the next byte decides.
          pos = q;
          break;
        }
        if (buf[q + 1] === QUOTE) {
          pos = q + 2;
          continue;
        }
        this.quoting = false;
        pos = q + 1;
        continue;
      }
      const q = buf.indexOf(QUOTE, pos);
      const limit = q < 0 || q >= end ? end : q;
      const from = Math.max(pos, target);
      if (from < limit) {
        const at = firstBreak(buf, from, limit);
        if (at >= 0) {
          const cut = breakEnd(buf.subarray(0, end), at, false);
          if (cut < 0) {
            // A CR as the last byte so far: whether its LF follows is not known yet.
            this.pos = at;
            return -1;
          }
          this.pos = cut;
          return cut;
        }
      }
      if (limit === end) {
        pos = end;
        break;
      }
      const prev = q === 0 ? LF : buf[q - 1];
      if (prev === this.delimiter || prev === LF || prev === CR) this.quoting = true;
      pos = q + 1;
    }
    this.pos = pos;
    return -1;
  }

  /** Scans (without cutting) up to `end`, keeping the quote state current. */
  private advance(end: number): number {
    const buf = this.buf;
    let pos = this.pos;
    while (pos < end) {
      const q = buf.indexOf(QUOTE, pos);
      if (q < 0 || q >= end) {
        pos = end;
        break;
      }
      if (this.quoting) {
        if (q + 1 >= end) {
          pos = q;
          break;
        }
        if (buf[q + 1] === QUOTE) pos = q + 2;
        else {
          this.quoting = false;
          pos = q + 1;
        }
      } else {
        const prev = q === 0 ? LF : buf[q - 1];
        if (prev === this.delimiter || prev === LF || prev === CR) this.quoting = true;
        pos = q + 1;
      }
    }
    this.pos = pos;
    return -1;
  }

  private take(cut: number): CsvChunk {
    const bytes = new Uint8Array(cut);
    bytes.set(this.buf.subarray(0, cut));
    const chunk: CsvChunk = { index: this.index++, bytes, start: this.offset, firstLine: this.line };
    this.offset += cut;
    this.line += countLineBreaks(bytes);
    this.buf.copy(this.buf, 0, cut, this.length);
    this.length -= cut;
    // A cut is only made outside quotes, at a line start: the scan state restarts clean.
    this.pos = Math.max(0, this.pos - cut);
    return chunk;
  }
}
