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

/** One JSON Lines record: every column present, empty cells as "" (the header stays stable). */
export function jsonLine(header: readonly string[], cells: readonly string[]): string {
  const o: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) o[header[i]] = cells[i];
  return `${JSON.stringify(o)}\n`;
}

/** A dataset file being written. */
export class RowFileWriter {
  private readonly stream: WriteStream;
  private buffer = '';
  rows = 0;

  private constructor(
    readonly path: string,
    private readonly header: readonly string[],
    private readonly format: OutputFormat,
    stream: WriteStream,
  ) {
    this.stream = stream;
    if (format === 'csv') this.buffer = csvLine(header);
  }

  /** Creates (truncates) the file; rejects when it cannot be opened. */
  static async open(path: string, header: readonly string[], format: OutputFormat): Promise<RowFileWriter> {
    const stream = createWriteStream(path, { encoding: 'utf8' });
    await once(stream, 'open');
    return new RowFileWriter(path, header, format, stream);
  }

  /** Appends a row; resolves at once unless the stream needs to drain. */
  push(cells: readonly string[]): Promise<void> | undefined {
    this.buffer += this.format === 'csv' ? csvLine(cells) : jsonLine(this.header, cells);
    this.rows++;
    return this.buffer.length >= CHUNK_CHARS ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    // `once` rejects if the stream errors while we wait.
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }

  /** Writes what is buffered and closes the file. */
  async close(): Promise<void> {
    if (this.buffer !== '') this.stream.write(this.buffer);
    this.buffer = '';
    this.stream.end();
    await finished(this.stream);
  }
}
