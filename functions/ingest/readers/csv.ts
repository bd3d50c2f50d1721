import { Parser, type CsvError } from 'csv-parse';
import { HeaderLineScanner, lineAt } from './detect.js';
import { LineBreakNormaliser } from './line-breaks.js';
import { assertNoDuplicateColumns, cellsBuilder } from './header.js';
import type { ReaderErrors } from './messages.js';
import { flatten } from './iterate.js';
import type { ByteSource } from './source.js';
import { dropBom, inspectTextSample, Utf8Normaliser, type TextEncoding } from './text.js';
import type { CsvArrayBatch, OpenedFile, RawRecord } from './types.js';

/** Bytes looked at before parsing: enough to judge encoding and binary content. */
const SAMPLE_BYTES = 64 * 1024;

/** A CSV file opened at the array level (see `openCsvArrays`). */
export interface OpenedCsvArrays {
  header: string[];
  delimiter: ',' | ';';
  /** Detected encoding; may switch to 'windows-1252' while reading (see `OpenedFile.encoding`). */
  readonly encoding: TextEncoding;
  /** Row batches; a ragged row is included as is (`values.length !== header.length`). */
  batches: AsyncIterable<CsvArrayBatch>;
  close: () => Promise<void>;
}

interface CsvOptions {
  maxRows: number;
  maxLineBytes: number;
}

/** csv-parse's parser core (`Parser.api`): the same engine its Transform stream calls per chunk. */
type CsvApi = {
  info: { lines: number; empty_lines: number };
  state: { quoting: boolean };
  parse(buf: Buffer | undefined, end: boolean, push: (record: string[]) => void, close: () => void): CsvError | undefined;
};

function countLineBreaks(values: readonly string[]): number {
  let n = 0;
  for (const v of values) {
    for (let i = v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0 ? 0 : v.length; i < v.length; i++) {
      const c = v.charCodeAt(i);
      if (c === 10 || (c === 13 && v.charCodeAt(i + 1) !== 10)) n++;
    }
  }
  return n;
}

function isBlank(values: readonly string[]): boolean {
  for (const v of values) if (v.length > 0 && v.trim() !== '') return false;
  return true;
}

/** Splits one physical line of RFC 4180 quoting (quoted fields whole, `""` inside); null when it is anything else. */
function splitQuotedLine(line: string, delimiter: string): string[] | null {
  const delim = delimiter.charCodeAt(0);
  const out: string[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    if (i < n && line.charCodeAt(i) === 34) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = line.indexOf('"', from);
        if (q < 0) return null;
        if (line.charCodeAt(q + 1) === 34) {
          value += line.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += line.slice(from, q);
        i = q + 1;
        break;
      }
      out.push(value);
      if (i === n) return out;
      if (line.charCodeAt(i) !== delim) return null;
      i++;
    } else {
      const d = line.indexOf(delimiter, i);
      const field = d < 0 ? line.slice(i) : line.slice(i, d);
      if (field.indexOf('"') >= 0) return null;
      out.push(field);
      if (d < 0) return out;
      i = d + 1;
    }
  }
}

const EMPTY = Buffer.alloc(0);

/** Bytes without a line break after which the native path hands over to csv-parse. */
const LONG_LINE_BYTES = 1024 * 1024;

/**
 * Reads CSV records and knows, for every record, the physical line where it starts.
 *
 * Its input has every line break as LF already (`LineBreakNormaliser`, the one line-ending model).
 *
 * Fast path: whole lines are split natively while every line is plain (no quote, or quoting that
 * stays on its line) and no line is near the length limit.
 * At the first line that is anything else, the rest goes to csv-parse's parser core (chunk by
 * chunk, no stream machinery per record): the same engine as before, so results are unchanged.
 *
 * csv-parse reports the line where a record ends, and counts a CR LF inside a quoted field as two
 * lines. The start line is therefore derived from the end of the previous record plus the empty
 * lines skipped since, and a multi-line record's own line breaks are recounted to correct drift.
 */
class CsvEngine {
  header: string[] | null = null;
  dataRows = 0;
  private api: CsvApi;
  /** 'lf': native splitting; 'parser': csv-parse from here on; 'unknown': no line break seen yet. */
  private mode: 'unknown' | 'lf' | 'parser' = 'unknown';
  /** Bytes after the last line break, not yet read natively. */
  private pending: Buffer | null = null;
  /** The last bytes handed to the native path (their tail is the input's tail), for `line`. */
  private lastData: Buffer = EMPTY;
  /** Physical lines read natively (all before the parser took over). */
  private linesDone = 0;
  private prevEnd = 0;
  private prevEmpty = 0;
  private correction = 0;
  private readonly noop = () => {};

  constructor(
    private readonly delimiter: ',' | ';',
    private readonly options: CsvOptions,
    private readonly errors: ReaderErrors,
    /** Called with each data record (header excluded, blank records excluded). */
    private readonly onRecord: (values: string[], row: number) => void,
  ) {
    this.api = this.newParser(undefined);
  }

  private newParser(recordDelimiter: string | undefined): CsvApi {
    const parser = new Parser({
      delimiter: this.delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: this.options.maxLineBytes,
      bom: false,
      ...(recordDelimiter ? { record_delimiter: recordDelimiter } : {}),
    });
    return (parser as unknown as { api: CsvApi }).api;
  }

  /** Feeds UTF-8 bytes (or signals the end); throws a UserError for malformed CSV. */
  feed(buf: Buffer | undefined, end: boolean): void {
    if (this.mode === 'parser') {
      this.parse(buf, end);
      return;
    }
    const pending = this.pending;
    this.pending = null;
    const data = buf === undefined || buf.length === 0 ? (pending ?? EMPTY) : pending ? Buffer.concat([pending, buf]) : buf;
    this.readNative(data, end);
  }

  private parse(buf: Buffer | undefined, end: boolean): void {
    const err = this.api.parse(buf, end, this.push, this.noop);
    if (err) throw this.explain(err);
  }

  /** Hands the rest of the input, from a line start, to csv-parse. */
  private switchToParser(rest: Buffer, end: boolean): void {
    if (this.mode !== 'unknown') this.api = this.newParser('\n');
    this.mode = 'parser';
    this.prevEnd = this.linesDone;
    this.prevEmpty = 0;
    if (rest.length > 0 || end) this.parse(rest, end);
  }

  private readNative(data: Buffer, end: boolean): void {
    this.lastData = data;
    const max = this.options.maxLineBytes;
    // A line this long is rare: csv-parse takes it rather than the pending bytes being copied again and again.
    const longLine = Math.min(max, LONG_LINE_BYTES);
    if (this.mode === 'unknown') {
      // A quote before the first line break: csv-parse takes the header.
      const nl = data.indexOf(10);
      const quote = data.indexOf(34);
      if (nl < 0) {
        if (end || quote >= 0 || data.length > longLine) this.switchToParser(data, end);
        else this.pending = data;
        return;
      }
      if (quote >= 0 && quote < nl) {
        this.switchToParser(data, end);
        return;
      }
      this.mode = 'lf';
    }
    const last = data.lastIndexOf(10);
    const cut = end ? data.length : last + 1;
    if (cut === 0) {
      if (data.length > longLine) this.switchToParser(data, end);
      else this.pending = data;
      return;
    }
    const text = data.toString('utf8', 0, cut);
    const lines = text.split('\n');
    // The piece after the last break: '' when the text ends with one, else the unterminated last line.
    const count = lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
    const checkLength = cut > max;
    let charPos = 0;
    for (let i = 0; i < count; i++) {
      const line = lines[i];
      const lineChars = line.length;
      let plain = true;
      if (checkLength && line.length * 3 > max && Buffer.byteLength(line, 'utf8') > max) plain = false;
      let values: string[] | null = null;
      if (plain && line.length > 0) {
        values = line.indexOf('"') < 0 ? line.split(this.delimiter) : splitQuotedLine(line, this.delimiter);
        if (values === null) plain = false;
      }
      if (!plain) {
        const rest = Buffer.from(text.slice(charPos), 'utf8');
        this.switchToParser(cut < data.length ? Buffer.concat([rest, data.subarray(cut)]) : rest, end);
        return;
      }
      this.linesDone++;
      charPos += lineChars + 1;
      // An empty line is skipped and not counted, as csv-parse's skip_empty_lines does.
      if (values !== null) this.accept(values, this.linesDone);
    }
    if (!end && cut < data.length) this.pending = data.subarray(cut);
  }

  /** Line the parser has reached (approximate: a few bytes of look-ahead may be pending). */
  get line(): number {
    if (this.mode === 'parser') return this.api.info.lines + this.linesDone - this.correction;
    if (this.linesDone === 0) return 1;
    // csv-parse would still hold back the input's last bytes, and any line break among them.
    const hold = Math.max((this.api as unknown as { state: { needMoreDataSize: number } }).state.needMoreDataSize, 1);
    const d = this.lastData;
    let held = 0;
    for (let i = Math.max(0, d.length - hold); i < d.length; i++) if (d[i] === 10) held++;
    return 1 + this.linesDone - held;
  }

  /** Line where the record currently being parsed started. */
  private currentStart(): number {
    return this.prevEnd + 1 + (this.api.info.empty_lines - this.prevEmpty);
  }

  private readonly push = (values: string[]): void => {
    const info = this.api.info;
    const start = this.prevEnd + 1 + (info.empty_lines - this.prevEmpty);
    let end = info.lines + this.linesDone - this.correction;
    if (end !== start) {
      const actual = countLineBreaks(values);
      if (end - start !== actual) {
        this.correction += end - start - actual;
        end = start + actual;
      }
    }
    this.prevEnd = end;
    this.prevEmpty = info.empty_lines;
    this.accept(values, start);
  };

  private accept(values: string[], start: number): void {
    // A record of blank cells (e.g. ";;;;" left by Excel) is an empty line too.
    // Cheap pre-check on the first cell; non-ASCII covers Unicode spaces (NBSP, ideographic, BOM).
    const first = values[0];
    const c0 = first.charCodeAt(0);
    if ((first.length === 0 || c0 <= 32 || c0 > 126) && isBlank(values)) return;
    if (this.header === null) {
      this.setHeader(values, start);
      return;
    }
    if (++this.dataRows > this.options.maxRows) throw this.errors.tooManyRows(this.options.maxRows, start);
    this.onRecord(values, start);
  }

  private setHeader(values: string[], row: number): void {
    const header = values.map((v) => v.trim());
    assertNoDuplicateColumns(header, this.errors, `baris ${row}`, `line ${row}`);
    this.header = header;
  }

  private explain(err: CsvError): Error {
    const start = this.currentStart();
    switch (err.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return this.errors.unterminatedQuote(start);
      case 'CSV_MAX_RECORD_SIZE':
        return this.api.state.quoting ? this.errors.unterminatedQuote(start) : this.errors.lineTooLong(start, this.options.maxLineBytes);
      default:
        return this.errors.malformedCsv(start, err.message);
    }
  }
}

interface CsvStart {
  delimiter: ',' | ';';
  normaliser: Utf8Normaliser;
}

/**
 * Looks at the first bytes of a CSV: refuses empty, UTF-16 and binary files and a header line
 * longer than the limit; detects encoding and delimiter. The bytes stay in `source`, less any BOM.
 */
async function startCsv(source: ByteSource, errors: ReaderErrors, maxLineBytes: number): Promise<CsvStart> {
  const scanner = new HeaderLineScanner();
  const { bytes, ended } = await source.peek((chunk, total) => {
    const headerDone = scanner.done || scanner.feed(chunk);
    return (headerDone && total >= SAMPLE_BYTES) || (!headerDone && scanner.length > maxLineBytes);
  });
  const { bom, encoding } = inspectTextSample(bytes, SAMPLE_BYTES, ended && !scanner.done, errors);
  if (!scanner.done && !ended) throw errors.lineTooLong(scanner.line, maxLineBytes);
  await dropBom(source, bom);
  return { delimiter: scanner.delimiter, normaliser: new Utf8Normaliser(encoding) };
}

/**
 * Opens a CSV at the array level: the header, then batches of `{rows, values}` with no object
 * per row. This is the fast path for bulk ingest; `openCsv` builds the cell objects on top.
 */
export async function openCsvArraysFromSource(
  source: ByteSource,
  errors: ReaderErrors,
  options: CsvOptions,
): Promise<OpenedCsvArrays> {
  const { delimiter, normaliser } = await startCsv(source, errors, options.maxLineBytes);
  // Every line break reaches the parser as LF (see line-breaks.ts).
  const breaks = new LineBreakNormaliser();
  let batch: CsvArrayBatch = { rows: [], values: [] };
  const engine = new CsvEngine(delimiter, options, errors, (values, row) => {
    batch.rows.push(row);
    batch.values.push(values);
  });
  let ended = false;

  const pump = async (): Promise<void> => {
    const chunk = await source.next();
    if (chunk === null) {
      engine.feed(breaks.push(normaliser.end()), false);
      engine.feed(breaks.end(), false);
      engine.feed(undefined, true);
      ended = true;
      return;
    }
    const nul = chunk.indexOf(0);
    if (nul >= 0) throw errors.notText(engine.line + lineAt(chunk, nul) - 1, 'byte NUL', 'a NUL byte');
    engine.feed(breaks.push(normaliser.push(chunk)), false);
  };

  while (engine.header === null && !ended) await pump();
  if (engine.header === null) throw errors.empty();

  async function* batches(): AsyncGenerator<CsvArrayBatch> {
    try {
      for (;;) {
        if (batch.rows.length > 0) {
          const full = batch;
          batch = { rows: [], values: [] };
          yield full;
        }
        if (ended) return;
        await pump();
      }
    } finally {
      await source.close();
    }
  }

  return {
    header: engine.header,
    delimiter,
    get encoding() {
      return normaliser.encoding;
    },
    batches: batches(),
    close: () => source.close(),
  };
}

/**
 * Opens a CSV file as records keyed by header text. Row numbers are physical lines (header =
 * its own line, usually 1); a row whose cell count differs from the header comes back with
 * `cells: null` and `ragged`, and the rows around it are unaffected.
 */
export async function openCsv(source: ByteSource, errors: ReaderErrors, options: CsvOptions): Promise<OpenedFile> {
  const arrays = await openCsvArraysFromSource(source, errors, options);
  const header = arrays.header;
  const width = header.length;
  const build = cellsBuilder(header);

  function toRecords(batch: CsvArrayBatch): RawRecord[] {
    const out: RawRecord[] = new Array(batch.rows.length);
    const { rows, values } = batch;
    for (let r = 0; r < rows.length; r++) {
      const v = values[r];
      if (v.length !== width) {
        out[r] = { row: rows[r], cells: null, ragged: { expected: width, got: v.length } };
        continue;
      }
      out[r] = { row: rows[r], cells: build(v) };
    }
    return out;
  }

  async function* batches(): AsyncGenerator<RawRecord[]> {
    for await (const batch of arrays.batches) yield toRecords(batch);
  }

  const recordBatches = batches();
  return {
    format: 'csv',
    header,
    delimiter: arrays.delimiter,
    get encoding() {
      return arrays.encoding;
    },
    batches: recordBatches,
    records: flatten(recordBatches),
    csvArrays: arrays.batches,
    close: arrays.close,
  };
}
