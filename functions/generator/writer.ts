/**
 * Streaming file output: rows are joined into ~256 KB chunks and written through an fs
 * WriteStream, waiting for 'drain' whenever the stream asks (bounded memory at any scale).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { OutputFormat } from './options.js';

const CHUNK_CHARS = 256 * 1024;
const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV cell: quoted (quotes doubled) only when it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV line, with its `\n`. */
export function csvLine(cells: readonly string[]): string {
  let line = csvCell(cells[0]);
  for (let i = 1; i < cells.length; i++) line += `,${csvCell(cells[i])}`;
  return `${line}\n`;
}

/**
 * A CSV line where only the cells flagged in `check` may need quoting (free text and ids);
 * the generator writes codes, numbers and dates that never do. Invalid rows use `csvLine`.
 */
function csvLineChecked(cells: readonly string[], textColumns: readonly number[]): string {
  for (const i of textColumns) if (NEEDS_QUOTES.test(cells[i])) return csvLine(cells);
  return `${cells.join(',')}\n`;
}

/** One JSON Lines record: every column present, empty cells as "" (the header stays stable). */
export function jsonLine(header: readonly string[], cells: readonly string[]): string {
  const o: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) o[header[i]] = cells[i];
  return `${JSON.stringify(o)}\n`;
}

/** A dataset file being written. */
export class RowFileWriter {
  private readonly stream: WriteStream;
  private readonly textColumns: readonly number[];
  private lines: string[] = [];
  private chars = 0;
  rows = 0;

  private constructor(
    readonly path: string,
    private readonly header: readonly string[],
    private readonly format: OutputFormat,
    check: readonly boolean[],
    stream: WriteStream,
  ) {
    this.stream = stream;
    this.textColumns = check.flatMap((text, i) => (text ? [i] : []));
    if (format === 'csv') this.lines.push(csvLine(header));
  }

  /**
   * Creates (truncates) the file; rejects when it cannot be opened. `textColumns` flags the
   * columns whose valid values may hold commas or quotes (default: all).
   */
  static async open(path: string, header: readonly string[], format: OutputFormat, textColumns?: readonly boolean[]): Promise<RowFileWriter> {
    const stream = createWriteStream(path);
    await once(stream, 'open');
    return new RowFileWriter(path, header, format, textColumns ?? header.map(() => true), stream);
  }

  /**
   * Appends a row; returns a promise only when the stream must drain first. `anyText`: any
   * cell may need quoting (an invalid row), not only the text columns.
   */
  push(cells: readonly string[], anyText = false): Promise<void> | undefined {
    const line =
      this.format === 'jsonl' ? jsonLine(this.header, cells) : anyText ? csvLine(cells) : csvLineChecked(cells, this.textColumns);
    this.lines.push(line);
    this.chars += line.length;
    this.rows++;
    return this.chars >= CHUNK_CHARS ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    const chunk = this.lines.join('');
    this.lines = [];
    this.chars = 0;
    // `once` rejects if the stream errors while we wait.
    if (!this.stream.write(chunk, 'utf8')) await once(this.stream, 'drain');
  }

  /** Writes what is buffered and closes the file. */
  async close(): Promise<void> {
    if (this.lines.length > 0) this.stream.write(this.lines.join(''), 'utf8');
    this.lines = [];
    this.stream.end();
    await finished(this.stream);
  }
}
