import type { FileFormat } from './types.js';

const ZIP_MAGIC = [0x50, 0x4b]; // "PK", then 03 04 (entry), 05 06 (empty zip) or 07 08 (spanned)
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // Excel 97-2003 .xls
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

/** True when the bytes start like a zip archive (an XLSX is one). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, ZIP_MAGIC) &&
    bytes.length >= 4 &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06) || (bytes[2] === 0x07 && bytes[3] === 0x08))
  );
}

/** True for an Excel 97-2003 (.xls, OLE2 compound document) file. */
export function isOle2(bytes: Uint8Array): boolean {
  return startsWith(bytes, OLE2_MAGIC);
}

/** Length of a UTF-8 byte order mark at the start (0 or 3). */
export function utf8BomLength(bytes: Uint8Array): number {
  return startsWith(bytes, UTF8_BOM) ? 3 : 0;
}

/** True when the bytes start with a UTF-16 byte order mark (LE or BE). */
export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

function extensionOf(name: string): string {
  // Object keys may carry a query or fragment when they come from a URL; the extension is before it.
  const base = name.split(/[?#]/, 1)[0].toLowerCase();
  const slash = Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\'));
  const file = base.slice(slash + 1);
  const dot = file.lastIndexOf('.');
  return dot <= 0 ? '' : file.slice(dot + 1);
}

function firstNonSpace(bytes: Uint8Array): number | undefined {
  for (let i = utf8BomLength(bytes); i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b;
  }
  return undefined;
}

/**
 * The format of an input file: by content first (a zip archive is an XLSX whatever its name,
 * so a workbook renamed `.csv` is still read as a workbook), then by extension
 * (`.xlsx`/`.xlsm` → xlsx, `.jsonl`/`.ndjson`/`.json` → jsonl), then by content again (an unknown
 * extension whose text starts with `{` → jsonl), else csv.
 */
export function detectFormat(name: string, firstBytes: Uint8Array): FileFormat {
  if (isZip(firstBytes)) return 'xlsx';
  const ext = extensionOf(name);
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'jsonl' || ext === 'ndjson' || ext === 'json') return 'jsonl';
  if (ext !== 'csv' && ext !== 'txt' && firstNonSpace(firstBytes) === 0x7b /* { */) return 'jsonl';
  return 'csv';
}

/**
 * Where the first sign of binary (non-text) content is in a sample, or -1. A NUL byte is never
 * text; other control characters are tolerated in small numbers (a stray form feed or escape),
 * but not at the density of random bytes.
 */
export function binaryOffset(sample: Uint8Array): number {
  const nul = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength).indexOf(0);
  if (nul >= 0) return nul;
  let controls = 0;
  let firstControl = -1;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) {
      controls++;
      if (firstControl < 0) firstControl = i;
    }
  }
  return controls > 8 && controls * 100 > sample.length ? firstControl : -1;
}

/** 1-based line number of a byte offset in a sample (counts `\n`, and `\r` not followed by `\n`). */
export function lineAt(sample: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < sample.length; i++) {
    const b = sample[i];
    if (b === 0x0a || (b === 0x0d && sample[i + 1] !== 0x0a)) line++;
  }
  return line;
}

/**
 * Finds the header line of a CSV while bytes arrive, and counts the candidate delimiters in it
 * outside double quotes. Leading blank lines (nothing but spaces, tabs, delimiters and empty
 * quotes) are skipped, like the parser skips them. Works on bytes: `,`, `;`, `"`, CR and LF are
 * the same bytes in UTF-8 and Windows-1252.
 */
export class HeaderLineScanner {
  commas = 0;
  semicolons = 0;
  /** 1-based line where the header starts (after leading blank lines). */
  line = 1;
  /** Bytes of the header line seen so far. */
  length = 0;
  done = false;
  private hasContent = false;
  private blankCommas = 0;
  private blankSemicolons = 0;
  private quoted = false;
  private previousCr = false;
  private offset = 0;

  /** Feeds the next bytes; returns true once the end of the header line has been seen. */
  feed(chunk: Uint8Array): boolean {
    let i = this.offset === 0 ? utf8BomLength(chunk) : 0;
    this.offset += chunk.length;
    for (; i < chunk.length; i++) {
      const b = chunk[i];
      if ((b === 0x0a || b === 0x0d) && !this.quoted) {
        if (this.hasContent) {
          this.done = true;
          return true;
        }
        if (b === 0x0d || !this.previousCr) this.line++;
        this.previousCr = b === 0x0d;
        this.blankCommas += this.commas;
        this.blankSemicolons += this.semicolons;
        this.commas = 0;
        this.semicolons = 0;
        this.length = 0;
        continue;
      }
      this.previousCr = false;
      this.length++;
      if (b === 0x22) this.quoted = !this.quoted;
      else if (this.quoted) this.hasContent = true;
      else if (b === 0x2c) this.commas++;
      else if (b === 0x3b) this.semicolons++;
      else if (b !== 0x20 && b !== 0x09) this.hasContent = true;
    }
    return false;
  }

  /**
   * `;` when the header has more semicolons than commas outside quotes, else `,`. A header with
   * neither (one column, or none found) goes by the blank lines before it (`;;;` left by Excel).
   */
  get delimiter(): ',' | ';' {
    if (this.commas + this.semicolons === 0) return this.blankSemicolons > this.blankCommas ? ';' : ',';
    return this.semicolons > this.commas ? ';' : ',';
  }
}
