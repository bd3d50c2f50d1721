/**
 * Validation of a run of raw rows (a "chunk"): every row goes through the dataset's `validate`
 * (the one source of every rule); accepted rows get their lineage and are grouped by partition
 * into packed columns, rejected rows become quarantine lines. Pure and thread-agnostic: the same
 * code runs on the calling thread and in ingest workers.
 */
import type { FileFormat, RawRecord } from './readers/index.js';
import { maskNik, type Dataset, type RawCells, type RowError } from '../../schemas/index.js';
import { ColumnBatch } from '../lib/parquet/index.js';
import type { ResolvedHeader } from './header.js';
import { PackedBuilder, viewsOfArrow, type PackedColumns } from './packed.js';

/** Everything a chunk needs to know about its file. */
export interface ChunkContext {
  dataset: Dataset;
  /** `_source` of every row and `source` of every quarantine line. */
  source: string;
  /** Moment of ingest, epoch ms (`_ingested_at`, future-date rules). */
  now: number;
  format: FileFormat;
  /** Header cells as written (trimmed). */
  header: readonly string[];
  resolved: ResolvedHeader;
  /** XLSX: the workbook counts serial dates from 1904-01-01. */
  date1904?: boolean;
}

/** One partition's rows inside a chunk: rows `[start, end)` of `ChunkResult.rows`. */
export interface ChunkPartition {
  kabupaten_code: string;
  period?: string;
  start: number;
  end: number;
}

export interface ChunkResult {
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  rejectedByCode: Record<string, number>;
  /** Header names first seen in this chunk that match no column (JSON Lines objects carry their own). */
  unknownColumns: string[];
  /** Quarantine JSON lines of the rejected rows, each ending in `\n`. */
  quarantine: string;
  /** In order of first appearance in the chunk. */
  partitions: ChunkPartition[];
  /** Accepted rows with lineage, grouped by partition, in file order within each partition. */
  rows: PackedColumns;
}

/** A rejected row as stored in the quarantine (DATA.md: "Every rejected row is kept"). */
export interface QuarantineEntry {
  source: string;
  row: number;
  raw: Record<string, string | null>;
  errors: RowError[];
}

interface Group {
  kabupaten_code: string;
  period?: string;
  /** Rows go in at once, so the row objects die young (cheap garbage) and only column values stay. */
  batch: ColumnBatch;
}

function masked(value: string | null | undefined): string | null {
  return value == null ? null : maskNik(value);
}

/**
 * Validates rows one by one and collects the result of a chunk. Feed it with `addValues` (CSV
 * rows as arrays) or `addRecord` (reader records), then call `finish`.
 */
export class ChunkBuilder {
  private readonly names: string[];
  private readonly index: Int32Array;
  private readonly validation: { now: number; fromXlsx: boolean; date1904: boolean };
  private readonly canonicalOfKey = new Map<string, string | null>();
  private readonly seenUnknown = new Set<string>();
  private groups = new Map<string, Group>();
  private unknown: string[] = [];
  private quarantine: string[] = [];
  private rejectedByCode: Record<string, number> = {};
  private read = 0;
  private accepted = 0;
  private rejected = 0;

  constructor(private readonly ctx: ChunkContext) {
    this.names = ctx.dataset.columns.map((c) => c.name);
    this.index = ctx.resolved.columnIndex;
    this.validation = { now: ctx.now, fromXlsx: ctx.format === 'xlsx', date1904: ctx.date1904 === true };
    for (const u of ctx.resolved.unknown) this.seenUnknown.add(u);
  }

  get rowsRead(): number {
    return this.read;
  }

  /** A CSV row as its cells in header order (a ragged row has another length). */
  addValues(values: readonly string[], row: number): void {
    const header = this.ctx.header;
    if (values.length !== header.length) {
      this.reject(row, rawOfValues(header, values), [raggedError(row, header.length, values.length)]);
      return;
    }
    const cells: RawCells = {};
    const names = this.names;
    const index = this.index;
    for (let i = 0; i < names.length; i++) {
      const at = index[i];
      cells[names[i]] = at < 0 ? null : values[at];
    }
    this.check(cells, row, () => rawOfValues(header, values));
  }

  /** A record from `openRecords` (any format). */
  addRecord(rec: RawRecord): void {
    if (rec.cells === null) {
      if (rec.ragged) {
        this.reject(rec.row, {}, [raggedError(rec.row, rec.ragged.expected, rec.ragged.got)]);
        return;
      }
      // A JSON line that is not one plain object: its text, masked, is what the quarantine keeps.
      const errors = rec.duplicateKeys
        ? rec.duplicateKeys.map((key) => keyTwiceError(rec.row, key))
        : [{ column: '', code: 'invalid_format' as const, message: `baris ${rec.row} bukan objek JSON / line ${rec.row} is not a JSON object` }];
      this.reject(rec.row, { [LINE_KEY]: masked(rec.line ?? '') }, errors, true);
      return;
    }
    const raw = rec.cells;
    const twice: string[] = [];
    const cells: RawCells = this.ctx.format === 'jsonl' ? this.cellsByKey(raw, twice) : this.cellsByHeader(raw);
    const rawOf = () => {
      const out: Record<string, string | null> = Object.create(null);
      for (const key of Object.keys(raw)) out[key] = masked(raw[key]);
      return out;
    };
    if (twice.length > 0) {
      this.reject(rec.row, rawOf(), twice.map((name) => keyTwiceError(rec.row, name)));
      return;
    }
    this.check(cells, rec.row, rawOf);
  }

  /** The chunk's result; the builder starts over empty. */
  finish(): ChunkResult {
    const columns = this.ctx.dataset.storageColumns;
    const partitions: ChunkPartition[] = [];
    const builder = new PackedBuilder(columns);
    for (const g of this.groups.values()) {
      const at = builder.length;
      builder.append(viewsOfArrow(columns, g.batch.toArrowTable().batches[0]), 0, g.batch.length);
      partitions.push({ kabupaten_code: g.kabupaten_code, period: g.period, start: at, end: builder.length });
    }
    const result: ChunkResult = {
      rowsRead: this.read,
      rowsAccepted: this.accepted,
      rowsRejected: this.rejected,
      rejectedByCode: this.rejectedByCode,
      unknownColumns: this.unknown,
      quarantine: this.quarantine.join(''),
      partitions,
      rows: builder.finish(),
    };
    this.groups = new Map();
    this.unknown = [];
    this.quarantine = [];
    this.rejectedByCode = {};
    this.read = 0;
    this.accepted = 0;
    this.rejected = 0;
    return result;
  }

  private check(cells: RawCells, row: number, rawOf: () => Record<string, string | null>): void {
    const result = this.ctx.dataset.validate(cells, this.validation);
    if (!result.ok) {
      this.reject(row, rawOf(), result.errors);
      return;
    }
    this.read++;
    this.accepted++;
    const value = result.row;
    const p = this.ctx.dataset.partitionOf(value);
    const key = p.period === undefined ? p.kabupaten_code : `${p.kabupaten_code}/${p.period}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { kabupaten_code: p.kabupaten_code, period: p.period, batch: new ColumnBatch(this.ctx.dataset.storageColumns) };
      this.groups.set(key, group);
    }
    value._source = this.ctx.source;
    value._row = row;
    value._ingested_at = this.ctx.now;
    group.batch.push(value);
  }

  /** `wholeLine`: `raw` is `{_line: text}` (JSON Lines), kept as it is. */
  private reject(row: number, raw: Record<string, string | null>, errors: readonly RowError[], wholeLine = false): void {
    this.read++;
    this.rejected++;
    const codes = new Set<string>();
    for (const e of errors) codes.add(e.code);
    for (const code of codes) this.rejectedByCode[code] = (this.rejectedByCode[code] ?? 0) + 1;
    // Only cells of the dataset's own columns: an unknown column (a beneficiary's name, say) is
    // ignored everywhere, the quarantine included (DATA.md: names of beneficiaries are never ingested).
    const kept: Record<string, string | null> = Object.create(null);
    for (const key of Object.keys(raw)) if (wholeLine || this.isKnownKey(key)) kept[key] = raw[key];
    const entry: QuarantineEntry = {
      source: this.ctx.source,
      row,
      raw: kept,
      // Messages quote cell values; a NIK in a malformed cell must not reach the quarantine either.
      errors: errors.map((e) => ({ column: maskNik(e.column), code: e.code, message: maskNik(e.message) })),
    };
    this.quarantine.push(`${JSON.stringify(entry)}\n`);
  }

  /** True when a header cell or JSON key names one of the dataset's columns. */
  private isKnownKey(key: string): boolean {
    let name = this.canonicalOfKey.get(key);
    if (name === undefined) {
      name = this.ctx.dataset.resolveHeader([key]).index.keys().next().value ?? null;
      this.canonicalOfKey.set(key, name);
    }
    return name !== null;
  }

  private cellsByHeader(raw: Record<string, string | null>): RawCells {
    const cells: RawCells = {};
    const { names, index } = this;
    const header = this.ctx.header;
    for (let i = 0; i < names.length; i++) {
      const at = index[i];
      cells[names[i]] = at < 0 ? null : (raw[header[at]] ?? null);
    }
    return cells;
  }

  /** JSON Lines: each object has its own keys; map each through the dataset's header rules. */
  private cellsByKey(raw: Record<string, string | null>, twice: string[]): RawCells {
    const cells: RawCells = {};
    for (const key of Object.keys(raw)) {
      let name = this.canonicalOfKey.get(key);
      if (name === undefined) {
        const r = this.ctx.dataset.resolveHeader([key]);
        name = r.index.keys().next().value ?? null;
        this.canonicalOfKey.set(key, name);
        if (name === null && key.trim() !== '' && !this.seenUnknown.has(key)) {
          this.seenUnknown.add(key);
          this.unknown.push(key);
        }
      }
      // Two keys naming one column (an alias and its canonical name): neither is chosen silently.
      if (name !== null) {
        if (cells[name] === undefined) cells[name] = raw[key];
        else if (!twice.includes(name)) twice.push(name);
      }
    }
    return cells;
  }
}

/** The quarantine's `raw` key for the text of a JSON line that is not one plain object. */
export const LINE_KEY = '_line';

function keyTwiceError(row: number, key: string): RowError {
  return {
    column: key,
    code: 'invalid_format',
    message: `kunci "${key}" muncul dua kali dalam objek baris ${row}; tulis sekali / key "${key}" appears twice in the object on line ${row}; write it once`,
  };
}

function raggedError(row: number, expected: number, got: number): RowError {
  return {
    column: '',
    code: 'ragged_row',
    message: `baris ${row} berisi ${got} sel, header berisi ${expected}; periksa pemisah dan tanda kutip / line ${row} has ${got} cells, the header has ${expected}; check delimiters and quotes`,
  };
}

/** Raw cells of a CSV row keyed by header text; cells beyond the header are keyed `#<n>` (1-based). */
function rawOfValues(header: readonly string[], values: readonly string[]): Record<string, string | null> {
  const raw: Record<string, string | null> = Object.create(null);
  for (let i = 0; i < values.length; i++) {
    const name = i < header.length && header[i] !== '' && !(header[i] in raw) ? header[i] : `#${i + 1}`;
    raw[name] = masked(values[i]);
  }
  return raw;
}
