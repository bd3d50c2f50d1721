import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { binaryOffset, hasUtf16Bom, lineAt, utf8BomLength } from './detect.js';
import type { ReaderErrors } from './messages.js';
import type { ByteSource } from './source.js';

export type TextEncoding = 'utf-8' | 'windows-1252';

/**
 * Length of the prefix of `buf` that does not end in the middle of a UTF-8 sequence, so a
 * character split across two chunks is checked once it is whole.
 */
export function completeUtf8Length(buf: Uint8Array): number {
  const n = buf.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const b = buf[i];
    if (b < 0x80) return n; // ASCII: nothing pending
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return i + need > n ? i : n;
    }
    // 10xxxxxx: a continuation byte, keep looking for its lead byte
  }
  return n;
}

/** The encoding a text sample looks like: valid UTF-8 (ignoring a cut last character) or else Windows-1252. */
export function sniffEncoding(sample: Uint8Array): TextEncoding {
  const complete = completeUtf8Length(sample);
  return isUtf8(sample.subarray(0, complete)) ? 'utf-8' : 'windows-1252';
}

/**
 * Turns the bytes of a text file into UTF-8 bytes, chunk by chunk. UTF-8 input passes through
 * untouched (only validated, natively); Windows-1252 input (the usual "ANSI" CSV export of Excel
 * in Indonesia) is converted. A file that starts as valid UTF-8 but has invalid bytes later is
 * converted from Windows-1252 from that chunk on: the ASCII text before is the same in both.
 */
export class Utf8Normaliser {
  private carry: Buffer | null = null;

  constructor(public encoding: TextEncoding) {}

  /** UTF-8 bytes for the next chunk (may hold back the last bytes of a split character). */
  push(chunk: Buffer): Buffer {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    if (this.encoding === 'windows-1252') return fromWin1252(buf);
    const complete = completeUtf8Length(buf);
    const head = complete === buf.length ? buf : buf.subarray(0, complete);
    if (!isUtf8(head)) {
      this.encoding = 'windows-1252';
      return fromWin1252(buf);
    }
    if (complete < buf.length) this.carry = Buffer.from(buf.subarray(complete));
    return head;
  }

  /** Whatever is left at the end of the input (a character cut off at the very end). */
  end(): Buffer {
    const rest = this.carry;
    this.carry = null;
    if (!rest) return Buffer.alloc(0);
    this.encoding = 'windows-1252';
    return fromWin1252(rest);
  }
}

function fromWin1252(buf: Buffer): Buffer {
  return Buffer.from(iconv.decode(buf, 'win1252'), 'utf8');
}

/**
 * Checks the first bytes of a text file (CSV or JSONL) and returns its BOM length and encoding.
 * Throws for UTF-16, binary content, and a file with nothing but whitespace (`emptyIfBlank`:
 * only when the whole file is in the sample).
 */
export function inspectTextSample(
  bytes: Buffer,
  sampleBytes: number,
  emptyIfBlank: boolean,
  errors: ReaderErrors,
): { bom: number; encoding: TextEncoding } {
  if (hasUtf16Bom(bytes)) throw errors.utf16();
  const bom = utf8BomLength(bytes);
  const sample = bytes.subarray(bom, bom + sampleBytes);
  if (emptyIfBlank && !/[^\s]/.test(sample.toString('latin1'))) throw errors.empty();
  const binaryAt = binaryOffset(sample);
  if (binaryAt >= 0) throw errors.notText(lineAt(sample, binaryAt), 'byte biner', 'binary bytes');
  return { bom, encoding: sniffEncoding(sample) };
}

/** Removes a BOM of `length` bytes from the front of the source. */
export async function dropBom(source: ByteSource, length: number): Promise<void> {
  if (length === 0) return;
  const first = await source.next();
  if (first) source.unshift(first.subarray(length));
}
