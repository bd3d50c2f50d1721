import yauzlModule from 'yauzl';
import type { Readable } from 'node:stream';
import type { ReaderErrors } from './messages.js';

/** The part of yauzl's API used here (the package ships no types). */
interface YauzlEntry {
  fileName: string;
  compressedSize: number;
  uncompressedSize: number;
  isEncrypted(): boolean;
  canDecodeFileData(): boolean;
}
interface YauzlZipFile {
  entryCount: number;
  eachEntry(): AsyncIterable<YauzlEntry>;
  openReadStreamPromise(entry: YauzlEntry): Promise<Readable>;
  close(): void;
}
interface Yauzl {
  openPromise(path: string, options: Record<string, unknown>): Promise<YauzlZipFile>;
}

// A static import, so that esbuild bundles yauzl into the Lambda.
const yauzl = yauzlModule as unknown as Yauzl;

/** Compression above this ratio is not plausible for workbook XML... */
export const MAX_RATIO = 200;
/** ...once an entry is this large (small entries of repeated bytes can legitimately compress well). */
export const RATIO_MIN_BYTES = 10 * 1024 * 1024;
/** A workbook has a few dozen entries; thousands means something else. */
const MAX_ENTRIES = 10_000;

function isUserError(err: unknown): boolean {
  return err instanceof Error && err.name === 'UserError';
}

/**
 * A zip archive (XLSX) whose central directory passed the zip-bomb checks before anything was
 * inflated: total uncompressed size within the limit, no large entry compressed more than 200:1.
 * Entries are then read through yauzl with their declared size enforced (a stream that inflates
 * to more bytes than declared fails at once), so those checks cannot be bypassed by lying sizes.
 */
export class CheckedZip {
  private constructor(
    private readonly zip: YauzlZipFile,
    private readonly entries: Map<string, YauzlEntry>,
    private readonly errors: ReaderErrors,
  ) {}

  /** Opens and checks the archive at `path`; UserError when it is corrupt, too large or a bomb. */
  static async open(path: string, maxUncompressedBytes: number, errors: ReaderErrors): Promise<CheckedZip> {
    let zip: YauzlZipFile;
    try {
      zip = await yauzl.openPromise(path, { autoClose: false, validateEntrySizes: true, strictFileNames: false });
    } catch (err) {
      throw errors.corruptXlsx((err as Error).message);
    }
    try {
      if (zip.entryCount > MAX_ENTRIES) throw errors.corruptXlsx(`${zip.entryCount} zip entries`);
      const entries = new Map<string, YauzlEntry>();
      let total = 0;
      try {
        for await (const entry of zip.eachEntry()) {
          const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
          if (entry.uncompressedSize > RATIO_MIN_BYTES && ratio > MAX_RATIO) throw errors.zipBomb(entry.fileName, ratio);
          total += entry.uncompressedSize;
          entries.set(entry.fileName, entry);
        }
      } catch (err) {
        if (isUserError(err)) throw err;
        throw errors.corruptXlsx((err as Error).message);
      }
      if (total > maxUncompressedBytes) throw errors.xlsxTooLarge(total, maxUncompressedBytes);
      return new CheckedZip(zip, entries, errors);
    } catch (err) {
      zip.close();
      throw err;
    }
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** Uncompressed size of an entry as its central directory declares it (enforced while inflating), or 0. */
  size(name: string): number {
    return this.entries.get(name)?.uncompressedSize ?? 0;
  }

  /**
   * The inflated text of an entry as a stream of strings (UTF-8 decoded across chunk borders,
   * which the XML parser downstream would otherwise get wrong for split characters).
   */
  async text(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (!entry) throw this.errors.corruptXlsx(`missing ${name}`);
    if (entry.isEncrypted()) throw this.errors.corruptXlsx(`encrypted entry ${name}`);
    if (!entry.canDecodeFileData()) throw this.errors.corruptXlsx(`unsupported compression in ${name}`);
    try {
      const stream = await this.zip.openReadStreamPromise(entry);
      stream.setEncoding('utf8');
      return stream;
    } catch (err) {
      throw this.errors.corruptXlsx(`${name}: ${(err as Error).message}`);
    }
  }

  /** Turns an error met while reading an entry into the UserError to show. */
  explain(err: unknown, name: string): Error {
    if (isUserError(err)) return err as Error;
    const message = err instanceof Error ? err.message : String(err);
    if (/too many bytes/i.test(message)) return this.errors.zipBomb(name);
    return this.errors.corruptXlsx(`${name}: ${message}`);
  }

  close(): void {
    this.zip.close();
  }
}
