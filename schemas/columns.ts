/**
 * Column definitions: the building blocks every dataset is declared with. A column knows its
 * canonical name, aliases, how a cell is parsed and bounded, and how it is stored. Rules that
 * name another column (cross-field) live with the dataset.
 */
import type { StorageType } from './storage-types.js';

export type ColumnKind =
  | 'string'
  | 'int'
  | 'date'
  | 'timestamp'
  | 'bool'
  | 'period'
  | 'enum'
  | 'kabupaten'
  | 'kecamatan'
  | 'desa';

/**
 * `required`: an empty cell is the error `required` and the header must have the column.
 * `optional`: may be empty and may be absent from the header.
 * `conditional`: required or forbidden depending on another column (a cross-field rule decides);
 * may be absent from the header.
 */
export type Presence = 'required' | 'optional' | 'conditional';

export interface ColumnDef {
  name: string;
  kind: ColumnKind;
  presence: Presence;
  aliases: readonly string[];
  /** Short label for people, Indonesian then English. */
  label: readonly [string, string];
  /** string: pattern whose failure (length included) is invalid_format. */
  pattern?: RegExp;
  /** string: bounds on the length alone (out_of_range). */
  minLength?: number;
  maxLength?: number;
  /**
   * string: 16-digit runs inside free text (and names) are stored masked. Every other string
   * column rejects a value holding a standalone 16-digit run with pii_nik (DATA.md: no column may
   * carry a NIK; exactly 16 digits in the id columns is the case it names).
   */
  maskNik?: boolean;
  /** int: inclusive bounds on the value alone (out_of_range). */
  min?: number;
  max?: number;
  /** int: accept Indonesian thousands separators (rupiah). */
  thousands?: boolean;
  /** enum: the values, stored in this case, matched case-insensitively. */
  values?: readonly string[];
  /** wilayah: the column holding the parent code. */
  parent?: string;
  /** How the column is stored in Parquet / Glue / DuckDB. */
  storage: StorageType;
}

type Options = Partial<Omit<ColumnDef, 'name' | 'kind' | 'storage' | 'label'>> & { storage?: StorageType };

function column(name: string, kind: ColumnKind, storage: StorageType, label: [string, string], opts: Options): ColumnDef {
  return { presence: 'required', aliases: [], ...opts, name, kind, label, storage: opts.storage ?? storage };
}

/** Builders, one per kind. */
export const col = {
  string: (name: string, label: [string, string], opts: Options = {}) => column(name, 'string', 'string', label, opts),
  /** Whole number stored as int32: values past its range are out_of_range, not a crash at write. */
  int: (name: string, label: [string, string], opts: Options = {}) =>
    column(name, 'int', 'int32', label, { max: INT32_MAX, ...opts }),
  /** Rupiah amount: int64, thousands separators accepted. */
  rupiah: (name: string, label: [string, string], opts: Options = {}) =>
    column(name, 'int', 'int64', label, { thousands: true, ...opts }),
  date: (name: string, label: [string, string], opts: Options = {}) => column(name, 'date', 'date', label, opts),
  timestamp: (name: string, label: [string, string], opts: Options = {}) =>
    column(name, 'timestamp', 'timestamp', label, opts),
  bool: (name: string, label: [string, string], opts: Options = {}) => column(name, 'bool', 'bool', label, opts),
  period: (name: string, label: [string, string], opts: Options = {}) => column(name, 'period', 'string', label, opts),
  enum: (name: string, values: readonly string[], label: [string, string], opts: Options = {}) =>
    column(name, 'enum', 'string', label, { values, ...opts }),
  kabupaten: (opts: Options = {}) =>
    column('kabupaten_code', 'kabupaten', 'string', ['kode kabupaten', 'kabupaten code'], { aliases: ['kode_kabupaten'], ...opts }),
  kecamatan: (opts: Options = {}) =>
    column('kecamatan_code', 'kecamatan', 'string', ['kode kecamatan', 'kecamatan code'], {
      aliases: ['kode_kecamatan'],
      parent: 'kabupaten_code',
      ...opts,
    }),
  desa: (opts: Options = {}) =>
    column('desa_code', 'desa', 'string', ['kode desa', 'desa code'], { aliases: ['kode_desa'], parent: 'kecamatan_code', ...opts }),
};

export const INT32_MAX = 2_147_483_647;

/** `facilitator_id` as most datasets carry it. */
export const FACILITATOR_ID_PATTERN = /^[A-Za-z0-9._-]{3,40}$/;
