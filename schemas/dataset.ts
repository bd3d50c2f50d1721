/**
 * The dataset engine: turns a declaration (columns + cross-field rules) into header resolution,
 * row validation with DATA.md's error codes, the stored column list, and a zod schema of the
 * stored row. Every consumer (ingest, Parquet writer, Glue tables, DuckDB views, generator,
 * tests) derives from this one declaration.
 */
import { z } from 'zod';
import { getDesa, getKabupaten, getKecamatan } from '../functions/lib/wilayah.js';
import { offsetMinutes, zoneOfProvince, type TimeZoneName } from '../functions/lib/localtime.js';
import { PARTITION_KEYS, PERIOD_PARTITIONED, type DatasetName, type PartitionKey } from '../functions/lib/lake-layout.js';
import type { ColumnDef } from './columns.js';
import { rowError, show, type ErrorCode, type RowError } from './messages.js';
import type { StorageColumn } from './storage-types.js';
import {
  containsNik,
  localDate,
  maskNik,
  parseBoolean,
  parseDate,
  parseInteger,
  parsePeriod,
  parseTimestamp,
  type Parsed,
} from './values.js';

export type CellValue = string | number | boolean | null;
/** A validated row: canonical column name → typed value (dates `YYYY-MM-DD`, timestamps epoch ms UTC). */
export type Row = Record<string, CellValue>;

export interface ValidationContext {
  /** The moment of ingest, epoch ms (future-date rules compare with it). */
  now: number;
  /** The file is XLSX: Excel serial dates are accepted. */
  fromXlsx?: boolean;
  /** The workbook counts serial dates from 1904-01-01 (`date1904`), not 1900. */
  date1904?: boolean;
}

export type ValidationResult = { ok: true; row: Row } | { ok: false; errors: RowError[] };

/** Raw cells keyed by canonical column name; `null` or absent = empty. */
export type RawCells = Record<string, string | null | undefined>;

/** What a cross-field rule sees: parsed values (`undefined` when the cell failed its own rules). */
export interface RuleInput {
  values: Readonly<Record<string, CellValue | undefined>>;
  zone: TimeZoneName;
  ctx: ValidationContext;
  fail(column: string, code: ErrorCode, id: string, en: string): void;
}

export interface DatasetDeclaration {
  name: DatasetName;
  title: readonly [string, string];
  naturalKey: readonly string[];
  columns: readonly ColumnDef[];
  /** Cross-field rules (DATA.md: any rule that names another column), run when the cells parsed. */
  rules?: readonly ((input: RuleInput) => void)[];
  /** Columns whose value must not be in the future (dates: kabupaten's local date; timestamps: now + 1 day). */
  notInFuture?: readonly string[];
  /**
   * The month partition of a valid row: required exactly for the datasets the lake layout
   * partitions by period (`PERIOD_PARTITIONED`, the one home of that fact).
   */
  periodOf?: (row: Row) => string;
}

export interface HeaderResolution {
  /** Canonical column name → index in the header. */
  index: Map<string, number>;
  /** Required columns the header lacks. */
  missing: string[];
  /** Header cells that match no column (ignored, listed once in the summary). */
  unknown: string[];
  /** Canonical columns named by more than one header cell, with those cells. */
  duplicated: { column: string; headers: string[] }[];
}

export const LINEAGE_COLUMNS: readonly StorageColumn[] = [
  { name: '_source', type: 'string' },
  { name: '_row', type: 'int64' },
  { name: '_ingested_at', type: 'timestamp' },
];

/** Header names match case-insensitively after trimming and turning spaces and `-` into `_`. */
export function normalizeHeader(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

const DAY_MS = 86_400_000;

export class Dataset {
  readonly name: DatasetName;
  readonly title: readonly [string, string];
  readonly naturalKey: readonly string[];
  readonly columns: readonly ColumnDef[];
  /** Folder keys of the dataset in the lake (lake-layout's `PARTITION_KEYS`). */
  readonly partitionKeys: readonly PartitionKey[];
  /** Columns stored in Parquet: the dataset's columns less the partition keys, then lineage. */
  readonly storageColumns: readonly StorageColumn[];
  /** zod schema of a validated row (before partition keys are split off). */
  readonly rowSchema: z.ZodObject;
  private readonly decl: DatasetDeclaration;
  private readonly byHeader = new Map<string, string>();
  private readonly byName = new Map<string, ColumnDef>();
  /** enum column → lower-case value → stored value (first declared wins, as a linear search would). */
  private readonly enumLookup = new Map<ColumnDef, Map<string, string>>();
  private readonly wilayahColumns: readonly ColumnDef[];
  /** `localDate(now, offset)` of the last `now` seen, per offset: the same for every row of a file. */
  private todayNow = NaN;
  private readonly todayByOffset = new Map<number, string>();

  constructor(decl: DatasetDeclaration) {
    this.decl = decl;
    this.name = decl.name;
    this.title = decl.title;
    this.naturalKey = decl.naturalKey;
    this.columns = decl.columns;
    if (PERIOD_PARTITIONED.has(decl.name) !== (decl.periodOf !== undefined)) {
      throw new Error(`dataset ${decl.name}: periodOf must be declared exactly when lake-layout's PERIOD_PARTITIONED names it`);
    }
    this.partitionKeys = PARTITION_KEYS[decl.name];
    for (const c of decl.columns) {
      this.byName.set(c.name, c);
      for (const alias of [c.name, ...c.aliases]) this.byHeader.set(normalizeHeader(alias), c.name);
      if (c.kind === 'enum') {
        const lookup = new Map<string, string>();
        for (const v of c.values!) if (!lookup.has(v.toLowerCase())) lookup.set(v.toLowerCase(), v);
        this.enumLookup.set(c, lookup);
      }
    }
    this.wilayahColumns = decl.columns.filter((c) => c.kind === 'kabupaten' || c.kind === 'kecamatan' || c.kind === 'desa');
    const partition = new Set<string>(this.partitionKeys);
    this.storageColumns = [
      ...decl.columns.filter((c) => !partition.has(c.name)).map((c) => ({ name: c.name, type: c.storage })),
      ...LINEAGE_COLUMNS,
    ];
    this.rowSchema = z.object(Object.fromEntries(decl.columns.map((c) => [c.name, zodOf(c)])));
  }

  column(name: string): ColumnDef | undefined {
    return this.byName.get(name);
  }

  /** Maps a file's header to canonical columns (DATA.md "header names"). */
  resolveHeader(header: readonly string[]): HeaderResolution {
    const index = new Map<string, number>();
    const seen = new Map<string, string[]>();
    const unknown: string[] = [];
    header.forEach((cell, i) => {
      const name = this.byHeader.get(normalizeHeader(cell));
      if (!name) {
        if (cell.trim() !== '') unknown.push(cell);
        return;
      }
      const cells = seen.get(name) ?? [];
      cells.push(cell);
      seen.set(name, cells);
      if (!index.has(name)) index.set(name, i);
    });
    const duplicated = [...seen].filter(([, cells]) => cells.length > 1).map(([column, headers]) => ({ column, headers }));
    const missing = this.columns.filter((c) => c.presence === 'required' && !index.has(c.name)).map((c) => c.name);
    return { index, missing, unknown, duplicated };
  }

  /** The kabupaten and (for a dataset with a period) the month of a valid row; the folders keep those of `partitionKeys`. */
  partitionOf(row: Row): { kabupaten_code: string; period?: string } {
    const kabupaten_code = row.kabupaten_code as string;
    return this.decl.periodOf ? { kabupaten_code, period: this.decl.periodOf(row) } : { kabupaten_code };
  }

  /**
   * Validates one row of raw cells against every rule of DATA.md for this dataset.
   *
   * @example
   * const r = getDataset('roster').validate({ facilitator_id: 'PD-001', ... }, { now: Date.now() });
   * if (!r.ok) console.log(r.errors.map((e) => e.code));
   */
  validate(cells: RawCells, ctx: ValidationContext): ValidationResult {
    const errors: RowError[] = [];
    const values: Record<string, CellValue | undefined> = {};
    const zone = zoneOfRow(cells.kabupaten_code);
    const offset = offsetMinutes(zone);

    for (const c of this.columns) {
      const raw = cells[c.name];
      const text = raw == null ? '' : raw.trim();
      if (text === '') {
        values[c.name] = null;
        if (c.presence === 'required') {
          errors.push(rowError(c.name, 'required', `kolom ${c.name} wajib diisi`, `column ${c.name} is required`));
          values[c.name] = undefined;
        }
        continue;
      }
      const before = errors.length;
      const value = this.parseCell(c, text, offset, ctx, errors);
      values[c.name] = errors.length === before ? value : undefined;
    }

    if (this.wilayahColumns.length > 0) this.checkWilayah(values, errors);
    if (this.decl.notInFuture) this.checkFuture(values, offset, ctx, errors);
    const rules = this.decl.rules;
    if (rules && rules.length > 0) {
      const fail = (column: string, code: ErrorCode, id: string, en: string) => {
        errors.push(rowError(column, code, id, en));
      };
      for (const rule of rules) rule({ values, zone, ctx, fail });
    }

    if (errors.length > 0) return { ok: false, errors };
    return { ok: true, row: values as Row };
  }

  private parseCell(
    c: ColumnDef,
    text: string,
    offset: number,
    ctx: ValidationContext,
    errors: RowError[],
  ): CellValue | undefined {
    switch (c.kind) {
      case 'string': {
        if (!c.maskNik && containsNik(text)) {
          errors.push(rowError(c.name, 'pii_nik', `kolom ${c.name} berisi NIK 16 digit; gunakan ID pseudonim`, `column ${c.name} holds a 16-digit NIK; use a pseudonymous id`));
          return undefined;
        }
        if (c.pattern && !c.pattern.test(text)) {
          errors.push(rowError(c.name, 'invalid_format', `${show(text)} pada kolom ${c.name} tidak sesuai pola ${c.pattern.source}`, `${show(text)} in column ${c.name} does not match ${c.pattern.source}`));
          return undefined;
        }
        // Code points ≤ UTF-16 units ≤ 2 × code points: count only when a bound may be crossed.
        const n = text.length;
        const mayBreak = (c.maxLength !== undefined && n > c.maxLength) || (c.minLength !== undefined && n < 2 * c.minLength);
        const len = mayBreak ? [...text].length : n;
        if (mayBreak && ((c.maxLength !== undefined && len > c.maxLength) || (c.minLength !== undefined && len < c.minLength))) {
          errors.push(rowError(c.name, 'out_of_range', `kolom ${c.name} panjangnya ${len} karakter, batas ${c.minLength ?? 0}–${c.maxLength}`, `column ${c.name} is ${len} characters long, limit ${c.minLength ?? 0}–${c.maxLength}`));
          return undefined;
        }
        return c.maskNik ? maskNik(text) : text;
      }
      case 'int': {
        const p = parseInteger(text, c.thousands);
        if (!p.ok) return badCell(c, text, p, ['bilangan bulat', 'a whole number'], errors);
        const below = c.min !== undefined && p.value < c.min;
        const above = c.max !== undefined && p.value > c.max;
        if (below || above) {
          const range = `${c.min ?? '…'}–${c.max ?? '…'}`;
          errors.push(rowError(c.name, 'out_of_range', `${show(text)} pada kolom ${c.name} di luar rentang ${range}`, `${show(text)} in column ${c.name} is outside ${range}`));
          return undefined;
        }
        return p.value;
      }
      case 'date': {
        const p = parseDate(text, ctx.fromXlsx, ctx.date1904);
        return p.ok ? p.value : badCell(c, text, p, ['tanggal (YYYY-MM-DD atau DD/MM/YYYY)', 'a date (YYYY-MM-DD or DD/MM/YYYY)'], errors);
      }
      case 'timestamp': {
        const p = parseTimestamp(text, offset, ctx.fromXlsx, ctx.date1904);
        return p.ok ? p.value : badCell(c, text, p, ['waktu (YYYY-MM-DD HH:MM[:SS])', 'a timestamp (YYYY-MM-DD HH:MM[:SS])'], errors);
      }
      case 'bool': {
        const p = parseBoolean(text);
        return p.ok ? p.value : badCell(c, text, p, ['ya/tidak', 'yes/no (ya/tidak, true/false, 1/0)'], errors);
      }
      case 'period': {
        const p = parsePeriod(text);
        return p.ok ? p.value : badCell(c, text, p, ['periode YYYY-MM', 'a period YYYY-MM'], errors);
      }
      case 'enum': {
        const value = this.enumLookup.get(c)!.get(text.toLowerCase());
        if (value === undefined) {
          errors.push(rowError(c.name, 'unknown_value', `${show(text)} pada kolom ${c.name} bukan salah satu dari: ${c.values!.join(', ')}`, `${show(text)} in column ${c.name} is not one of: ${c.values!.join(', ')}`));
        }
        return value;
      }
      case 'kabupaten':
      case 'kecamatan':
      case 'desa': {
        const pattern = WILAYAH_PATTERN[c.kind];
        // A spreadsheet turned `33.10` into the number 33.1 (DATA.md "wilayah codes").
        const code = c.kind === 'kabupaten' && SPREADSHEET_KABUPATEN_RE.test(text) ? `${text}0` : text;
        if (!pattern.re.test(code)) {
          errors.push(rowError(c.name, 'invalid_format', `${show(text)} pada kolom ${c.name} bukan kode ${c.kind} ${pattern.shape}`, `${show(text)} in column ${c.name} is not a ${c.kind} code ${pattern.shape}`));
          return undefined;
        }
        return code;
      }
    }
  }

  /** Existence, then nesting: a child of an unknown parent is only checked for its own existence. */
  private checkWilayah(values: Record<string, CellValue | undefined>, errors: RowError[]): void {
    const known: Record<string, boolean> = {};
    for (const c of this.wilayahColumns) {
      const code = values[c.name];
      if (typeof code !== 'string') continue;
      const entry = c.kind === 'kabupaten' ? getKabupaten(code) : c.kind === 'kecamatan' ? getKecamatan(code) : getDesa(code);
      if (!entry) {
        known[c.name] = false;
        values[c.name] = undefined;
        errors.push(rowError(c.name, 'unknown_wilayah', `kode ${c.kind} ${show(code)} tidak ada dalam referensi Kemendagri`, `${c.kind} code ${show(code)} is not in the Kemendagri reference`));
        continue;
      }
      known[c.name] = true;
      const parent = c.parent ? values[c.parent] : undefined;
      if (c.parent && typeof parent === 'string' && known[c.parent] === true && entry.parentCode !== parent) {
        values[c.name] = undefined;
        errors.push(rowError(c.name, 'wilayah_mismatch', `${c.kind} ${code} tidak berada di ${c.parent.replace('_code', '')} ${parent}`, `${c.kind} ${code} is not inside ${c.parent.replace('_code', '')} ${parent}`));
      }
    }
  }

  private checkFuture(
    values: Record<string, CellValue | undefined>,
    offset: number,
    ctx: ValidationContext,
    errors: RowError[],
  ): void {
    for (const name of this.decl.notInFuture!) {
      const v = values[name];
      if (v == null) continue;
      const c = this.byName.get(name)!;
      if (c.kind === 'timestamp' ? (v as number) > ctx.now + DAY_MS : (v as string) > this.today(ctx.now, offset)) {
        values[name] = undefined;
        errors.push(rowError(name, 'future_date', `kolom ${name} berada di masa depan`, `column ${name} is in the future`));
      }
    }
  }

  /** `localDate(now, offset)`, remembered for the last `now` (one per ingest). */
  private today(now: number, offset: number): string {
    if (now !== this.todayNow) {
      this.todayNow = now;
      this.todayByOffset.clear();
    }
    let date = this.todayByOffset.get(offset);
    if (date === undefined) {
      date = localDate(now, offset);
      this.todayByOffset.set(offset, date);
    }
    return date;
  }
}

/** Records the error of a cell that failed its parser (`invalid_date` or `invalid_format`). */
function badCell(c: ColumnDef, text: string, p: Parsed<unknown>, what: readonly [string, string], errors: RowError[]): undefined {
  if (p.ok) return;
  if (p.code === 'invalid_date') {
    errors.push(rowError(c.name, 'invalid_date', `${show(text)} pada kolom ${c.name} bukan tanggal yang ada`, `${show(text)} in column ${c.name} is not a real date`));
  } else {
    errors.push(rowError(c.name, 'invalid_format', `${show(maskNik(text))} pada kolom ${c.name} bukan ${what[0]}`, `${show(maskNik(text))} in column ${c.name} is not ${what[1]}`));
  }
}

/** A kabupaten code `NN.N0` that a spreadsheet stored as a number (`33.1`), read back as `NN.N0`. */
const SPREADSHEET_KABUPATEN_RE = /^\d{2}\.\d$/;

const WILAYAH_PATTERN = {
  kabupaten: { re: /^\d{2}\.\d{2}$/, shape: 'NN.NN' },
  kecamatan: { re: /^\d{2}\.\d{2}\.\d{2}$/, shape: 'NN.NN.NN' },
  desa: { re: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, shape: 'NN.NN.NN.NNNN' },
} as const;

/** Local time of a row: by its kabupaten code's province digits, WIB when unreadable. */
function zoneOfRow(kabupaten: string | null | undefined): TimeZoneName {
  const code = kabupaten?.trim();
  return code && /^\d{2}/.test(code) ? zoneOfProvince(code.slice(0, 2)) : 'WIB';
}

function zodOf(c: ColumnDef): z.ZodType {
  const base =
    c.storage === 'string' || c.storage === 'date'
      ? c.storage === 'date'
        ? z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
        : c.values
          ? z.enum(c.values as [string, ...string[]])
          : z.string()
      : c.storage === 'bool'
        ? z.boolean()
        : z.number().int();
  return c.presence === 'required' ? base : base.nullable();
}
