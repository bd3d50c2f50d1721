/**
 * The one line-ending model of the CSV readers (DATA.md "Common rules", issue 9): CR LF, LF and a
 * lone CR (not followed by LF) are each one line break, however they are mixed in a file (a file
 * edited on two machines). `LF CR` is therefore two breaks around an empty line, which is skipped.
 * The reader turns every break into LF before parsing, inside quoted cells too (a quoted line
 * break is stored as LF); the cutter of the worker-thread path cuts and counts lines the same way.
 * CR and LF are the same bytes in UTF-8 and Windows-1252.
 */

const LF = 0x0a;
const CR = 0x0d;

/** Rewrites CR LF and lone CR to LF, chunk by chunk (a CR at a chunk's end waits for the next byte). */
export class LineBreakNormaliser {
  private heldCr = false;

  push(chunk: Buffer): Buffer {
    const held = this.heldCr;
    this.heldCr = false;
    if (chunk.length === 0) return held ? Buffer.from([LF]) : chunk;
    let cr = chunk.indexOf(CR);
    if (cr < 0 && !held) return chunk;
    // A held CR is a break of its own (LF) unless this chunk starts with its LF.
    const out = Buffer.allocUnsafe(chunk.length + 1);
    let n = 0;
    let from = 0;
    if (held) {
      out[n++] = LF;
      if (chunk[0] === LF) from = 1;
    }
    for (cr = chunk.indexOf(CR, from); cr >= 0; cr = chunk.indexOf(CR, from)) {
      n += chunk.copy(out, n, from, cr);
      if (cr + 1 === chunk.length) {
        this.heldCr = true;
        return out.subarray(0, n);
      }
      out[n++] = LF;
      from = chunk[cr + 1] === LF ? cr + 2 : cr + 1;
    }
    n += chunk.copy(out, n, from);
    return out.subarray(0, n);
  }

  /** A CR held back at the very end is a break. */
  end(): Buffer {
    const held = this.heldCr;
    this.heldCr = false;
    return held ? Buffer.from([LF]) : Buffer.alloc(0);
  }
}

/**
 * Line breaks in `bytes` under the model. A CR as the last byte counts as a break: callers cut
 * only after a whole break (never between a CR and its LF), or at the end of the file.
 */
export function countLineBreaks(bytes: Uint8Array): number {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let at = buf.indexOf(LF); at >= 0; at = buf.indexOf(LF, at + 1)) n++;
  for (let at = buf.indexOf(CR); at >= 0; at = buf.indexOf(CR, at + 1)) if (buf[at + 1] !== LF) n++;
  return n;
}

/**
 * Where the line break starting at `at` (a CR or LF byte) ends: the index after it, or -1 when
 * `at` is a CR at the end of what is known so far (its LF may be in the next bytes).
 */
export function breakEnd(bytes: Uint8Array, at: number, final: boolean): number {
  if (bytes[at] === LF) return at + 1;
  if (at + 1 < bytes.length) return bytes[at + 1] === LF ? at + 2 : at + 1;
  return final ? at + 1 : -1;
}
